using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes.Transport;
using IrsaPS.Core.Kubernetes.Wire;

namespace IrsaPS.Core.Kubernetes;

// Nodes: cluster-scoped, listed page by page (the audit maps pods to EC2 instances through them).
public sealed partial class KubernetesClient
{
    /// <summary>One page of nodes.</summary>
    public async Task<KubeListPage<KubeNode>> ListNodesPageAsync(
        KubeListOptions? options = null,
        string? continueToken = null,
        CancellationToken cancellationToken = default)
    {
        var path = "/api/v1/nodes" + Query(options ?? KubeListOptions.None, continueToken);
        using var document = await GetJsonAsync(new KubeRequest(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        return KubeJsonReader.ReadList(document.RootElement, KubeJsonReader.ReadNode);
    }

    /// <summary>Calls <paramref name="onPage"/> for every page of nodes, fetching the next page only after the callback returns.</summary>
    public Task ForEachNodePageAsync(
        Func<KubeListPage<KubeNode>, Task> onPage,
        KubeListOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ForEachPageAsync(token => ListNodesPageAsync(options, token, cancellationToken), onPage, cancellationToken);

    /// <summary>Every node, all pages collected: ceil(n / page size) requests.</summary>
    public async Task<IReadOnlyList<KubeNode>> ListNodesAsync(KubeListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new List<KubeNode>();
        await ForEachNodePageAsync(page => Collect(result, page), options, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
