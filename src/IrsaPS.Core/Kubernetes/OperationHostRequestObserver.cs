using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Kubernetes;

/// <summary>Writes each Kubernetes request to -Verbose, and each retry as progress (so a slow server never looks like a hang).</summary>
internal sealed class OperationHostRequestObserver(IOperationHost host) : IKubernetesRequestObserver
{
    /// <summary>The progress activity of Kubernetes retries.</summary>
    public const int RetryActivity = 7410;

    public void OnRequestCompleted(KubernetesRequestEvent requestEvent)
    {
        host.WriteVerbose(requestEvent.ToString());
        if (requestEvent.Attempt > 1 && requestEvent.StatusCode is >= 200 and < 300)
        {
            host.WriteProgress(OperationProgress.Complete(RetryActivity, "Waiting for the Kubernetes API server"));
        }
    }

    public void OnRetry(KubernetesRetryEvent retryEvent)
    {
        host.WriteVerbose(retryEvent.ToString());
        host.WriteProgress(new OperationProgress(RetryActivity, "Waiting for the Kubernetes API server", retryEvent.ToString(), (int)(100 * retryEvent.Elapsed.Ticks / retryEvent.TotalTimeout.Ticks)));
    }
}
