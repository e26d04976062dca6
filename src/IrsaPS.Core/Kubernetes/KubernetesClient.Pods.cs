using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes.Transport;
using IrsaPS.Core.Kubernetes.Wire;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Kubernetes;

// Pods: listed page by page and projected onto what the audit needs.
public sealed partial class KubernetesClient
{
    /// <summary>One page of pods in <paramref name="ns"/>, or in all namespaces when it is null.</summary>
    public async Task<KubeListPage<KubePod>> ListPodsPageAsync(
        string? ns,
        KubeListOptions? options = null,
        string? continueToken = null,
        CancellationToken cancellationToken = default)
    {
        var path = (ns is null ? "/api/v1/pods" : NamespacePath(ns) + "/pods") + Query(options ?? KubeListOptions.None, continueToken);
        using var document = await GetJsonAsync(new KubeRequest(HttpMethod.Get, path, ns), cancellationToken).ConfigureAwait(false);
        return KubeJsonReader.ReadList(document.RootElement, KubeJsonReader.ReadPod);
    }

    /// <summary>
    /// Calls <paramref name="onPage"/> for every page of pods in <paramref name="ns"/> (all namespaces when null),
    /// fetching the next page only after the callback returns: memory stays at one page however large the cluster.
    /// </summary>
    public Task ForEachPodPageAsync(
        string? ns,
        Func<KubeListPage<KubePod>, Task> onPage,
        KubeListOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ForEachPageAsync(token => ListPodsPageAsync(ns, options, token, cancellationToken), onPage, cancellationToken);

    /// <summary>Every pod in <paramref name="ns"/> (all namespaces when null), all pages collected.</summary>
    public async Task<IReadOnlyList<KubePod>> ListPodsAsync(
        string? ns,
        KubeListOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = new List<KubePod>();
        await ForEachPodPageAsync(ns, page => Collect(result, page), options, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The pods running as one ServiceAccount (field selector <c>spec.serviceAccountName</c>): those to restart after an annotation change.</summary>
    public async Task<IReadOnlyList<KubePod>> ListPodsForServiceAccountAsync(string ns, string serviceAccountName, CancellationToken cancellationToken = default)
    {
        KubernetesNames.ValidateServiceAccountName(serviceAccountName);
        var options = new KubeListOptions { FieldSelector = "spec.serviceAccountName=" + serviceAccountName };
        return await ListPodsAsync(ns, options, cancellationToken).ConfigureAwait(false);
    }
}
