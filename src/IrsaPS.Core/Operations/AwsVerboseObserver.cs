using System.Threading;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Turns AWS call events into -Verbose lines ("IAM CreateRole app", "retrying IAM GetRole after Throttling") and, while
/// calls are being retried, a progress bar that says which call waits for which endpoint and how much of its time budget
/// is used; the bar is completed when no call is retrying any more. Passes every event on to the caller's own observer
/// (benchmarks count calls). Events carry no secrets.
/// </summary>
internal sealed class AwsVerboseObserver : IAwsCallObserver, IAwsRetryObserver
{
    private const string RetryActivity = "Waiting for AWS";
    private readonly IOperationHost _host;
    private readonly IAwsCallObserver? _inner;
    private int _retrying;

    public AwsVerboseObserver(IOperationHost host, IAwsCallObserver? inner)
    {
        _host = host;
        _inner = inner;
    }

    public void OnCallStarting(AwsCallStart call)
    {
        _host.WriteVerbose(call.ToString());
        _inner?.OnCallStarting(call);
    }

    public void OnAttempt(AwsAttempt attempt)
    {
        if (!attempt.Succeeded)
        {
            _host.WriteVerbose("  attempt " + attempt);
        }

        _inner?.OnAttempt(attempt);
    }

    public void OnRetrying(AwsRetry retry)
    {
        if (retry.NextAttempt == 2)
        {
            Interlocked.Increment(ref _retrying);
        }

        _host.WriteVerbose("  retrying: " + retry);
        var percent = retry.CallTimeout is { } timeout && timeout.Ticks > 0
            ? (int)System.Math.Min(99, retry.Elapsed.Ticks * 100 / timeout.Ticks)
            : -1;
        _host.WriteProgress(new OperationProgress(ProgressActivities.AwsRetry, RetryActivity, retry.ToString(), percent));
        (_inner as IAwsRetryObserver)?.OnRetrying(retry);
    }

    public void OnCallCompleted(AwsCallResult call)
    {
        if (call.Retried && Interlocked.Decrement(ref _retrying) <= 0)
        {
            Interlocked.Exchange(ref _retrying, 0);
            _host.WriteProgress(OperationProgress.Complete(ProgressActivities.AwsRetry, RetryActivity));
        }

        _inner?.OnCallCompleted(call);
    }
}
