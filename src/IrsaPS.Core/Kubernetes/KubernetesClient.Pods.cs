using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes.Wire;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Kubernetes;

// Pods and nodes: listed page by page and projected onto what the audit needs.
public sealed partial class KubernetesClient
{
    /// <summary>One page of pods in <paramref name="ns"/>, or in all namespaces when it is null.</summary>
    public Task<KubeListPage<KubePod>> ListPodsPageAsync(string? ns, KubeListOptions? options = null, string? continueToken = null, CancellationToken cancellationToken = default) =>
        ListPageAsync(ListPath(ns, "pods"), ns, KubeJsonReader.ReadPod, options, continueToken, cancellationToken);

    /// <summary>Calls <paramref name="onPage"/> for every page of pods in <paramref name="ns"/> (all namespaces when null), one page in memory at a time.</summary>
    public Task ForEachPodPageAsync(string? ns, Func<KubeListPage<KubePod>, Task> onPage, KubeListOptions? options = null, CancellationToken cancellationToken = default) =>
        ForEachPageAsync(ListPath(ns, "pods"), ns, KubeJsonReader.ReadPod, onPage, options, cancellationToken);

    /// <summary>Every pod in <paramref name="ns"/> (all namespaces when null), all pages collected.</summary>
    public async Task<IReadOnlyList<KubePod>> ListPodsAsync(string? ns, KubeListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new List<KubePod>();
        await ForEachPodPageAsync(ns, page => Collect(result, page), options, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The pods running as one ServiceAccount (field selector <c>spec.serviceAccountName</c>): those to restart after an annotation change.</summary>
    public Task<IReadOnlyList<KubePod>> ListPodsForServiceAccountAsync(string ns, string serviceAccountName, CancellationToken cancellationToken = default) =>
        ListPodsAsync(ns, new KubeListOptions { FieldSelector = "spec.serviceAccountName=" + KubernetesNames.ValidateServiceAccountName(serviceAccountName) }, cancellationToken);

    /// <summary>One page of nodes.</summary>
    public Task<KubeListPage<KubeNode>> ListNodesPageAsync(KubeListOptions? options = null, string? continueToken = null, CancellationToken cancellationToken = default) =>
        ListPageAsync("/api/v1/nodes", null, KubeJsonReader.ReadNode, options, continueToken, cancellationToken);

    /// <summary>Calls <paramref name="onPage"/> for every page of nodes, fetching the next page only after the callback returns.</summary>
    public Task ForEachNodePageAsync(Func<KubeListPage<KubeNode>, Task> onPage, KubeListOptions? options = null, CancellationToken cancellationToken = default) =>
        ForEachPageAsync("/api/v1/nodes", null, KubeJsonReader.ReadNode, onPage, options, cancellationToken);

    /// <summary>Every node, all pages collected: ceil(n / page size) requests.</summary>
    public async Task<IReadOnlyList<KubeNode>> ListNodesAsync(KubeListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new List<KubeNode>();
        await ForEachNodePageAsync(page => Collect(result, page), options, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
