using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Kubernetes.Transport;
using IrsaPS.Core.Kubernetes.Wire;

namespace IrsaPS.Bench.Eksctl;

/// <summary>
/// The Kubernetes requests eksctl's client-go makes for an iamserviceaccount (pkg/kubernetes/serviceaccount.go and
/// namespace.go), sent one by one through IrsaPS's transport (same TLS, auth and observer as IrsaPS's client) so the
/// replay issues exactly eksctl's requests and nothing else.
/// </summary>
internal sealed class KubeReplayClient : IDisposable
{
    private readonly KubernetesTransport _transport;

    public KubeReplayClient(string kubeConfigPath, IKubernetesRequestObserver observer)
    {
        var connection = KubernetesConnection.FromKubeConfig(new KubernetesConnectionOptions { KubeConfigPath = kubeConfigPath });
        _transport = new KubernetesTransport(connection, new KubernetesClientOptions { Observer = observer });
    }

    public static string NamespacePath(string ns) => "/api/v1/namespaces/" + ns;

    public static string ServiceAccountPath(string ns, string name) => NamespacePath(ns) + "/serviceaccounts/" + name;

    /// <summary>GET <paramref name="path"/>: true on 2xx, false on 404 (client-go's <c>IsNotFound</c>).</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _transport.SendAsync(new KubeRequest(HttpMethod.Get, path), cancellationToken);
            return true;
        }
        catch (KubernetesNotFoundException)
        {
            return false;
        }
    }

    /// <summary>POST /api/v1/namespaces (<c>MaybeCreateNamespace</c> when the namespace is missing).</summary>
    public async Task CreateNamespaceAsync(string ns, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"}}""");
        using var response = await _transport.SendAsync(new KubeRequest(HttpMethod.Post, "/api/v1/namespaces", ns) { Body = body }, cancellationToken);
    }

    /// <summary>POST /api/v1/namespaces/{ns}/serviceaccounts with eksctl's annotations and labels.</summary>
    public async Task CreateServiceAccountAsync(
        string ns,
        string name,
        IReadOnlyDictionary<string, string> annotations,
        IReadOnlyDictionary<string, string> labels,
        CancellationToken cancellationToken)
    {
        var request = new KubeRequest(HttpMethod.Post, NamespacePath(ns) + "/serviceaccounts", ns + "/" + name)
        {
            Body = KubeJsonWriter.ServiceAccount(ns, name, annotations, labels),
        };
        using var response = await _transport.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _transport.Dispose();
}
