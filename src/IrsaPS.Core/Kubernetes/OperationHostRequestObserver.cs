using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Kubernetes;

/// <summary>Writes each Kubernetes request to <see cref="IOperationHost.WriteVerbose"/> (what -Verbose shows).</summary>
public sealed class OperationHostRequestObserver : IKubernetesRequestObserver
{
    private readonly IOperationHost _host;

    public OperationHostRequestObserver(IOperationHost host) => _host = host;

    public void OnRequestCompleted(KubernetesRequestEvent requestEvent) => _host.WriteVerbose(requestEvent.ToString());
}
