using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Kubernetes.Transport;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace IrsaPS.Bench.Eksctl;

/// <summary>
/// The Kubernetes requests eksctl's client-go makes for an iamserviceaccount (pkg/kubernetes/serviceaccount.go and
/// namespace.go), sent one by one through KubernetesClient's typed API with IrsaPS's connection and handler (same TLS,
/// auth and observer as IrsaPS's client), so the replay issues exactly eksctl's requests and nothing else.
/// </summary>
internal sealed class KubeReplayClient : IDisposable
{
    private readonly k8s.Kubernetes _api;

    public KubeReplayClient(string kubeConfigPath, IKubernetesRequestObserver observer)
    {
        var connection = KubernetesConnection.FromKubeConfig(new KubernetesConnectionOptions { KubeConfigPath = kubeConfigPath });
        _api = new k8s.Kubernetes(connection.Configuration, new RetryHandler(connection, new KubernetesClientOptions { Observer = observer }));
    }

    /// <summary>GET the namespace: true when it exists (client-go's <c>IsNotFound</c> otherwise).</summary>
    public Task<bool> NamespaceExistsAsync(string ns, CancellationToken cancellationToken) =>
        ExistsAsync(() => _api.CoreV1.ReadNamespaceAsync(ns, cancellationToken: cancellationToken));

    /// <summary>GET the ServiceAccount: true when it exists.</summary>
    public Task<bool> ServiceAccountExistsAsync(string ns, string name, CancellationToken cancellationToken) =>
        ExistsAsync(() => _api.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: cancellationToken));

    /// <summary>POST /api/v1/namespaces (<c>MaybeCreateNamespace</c> when the namespace is missing).</summary>
    public Task CreateNamespaceAsync(string ns, CancellationToken cancellationToken) =>
        _api.CoreV1.CreateNamespaceAsync(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);

    /// <summary>POST /api/v1/namespaces/{ns}/serviceaccounts with eksctl's annotations and labels.</summary>
    public Task CreateServiceAccountAsync(string ns, string name, IReadOnlyDictionary<string, string> annotations, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        _api.CoreV1.CreateNamespacedServiceAccountAsync(
            new V1ServiceAccount
            {
                ApiVersion = "v1",
                Kind = "ServiceAccount",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Annotations = annotations.ToDictionary(), Labels = labels.ToDictionary() },
            },
            ns,
            cancellationToken: cancellationToken);

    public void Dispose() => _api.Dispose();

    private static async Task<bool> ExistsAsync(Func<Task> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
