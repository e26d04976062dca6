using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes.Wire;

namespace IrsaPS.Core.Kubernetes;

// Pods projected onto their AWS credential environment (IRSA, EKS Pod Identity, static keys), page by page.
public sealed partial class KubernetesClient
{
    /// <summary>
    /// Calls <paramref name="onPage"/> for every page of pods in <paramref name="ns"/> (all namespaces when null), each
    /// pod projected onto <see cref="KubePodCredentials"/>; the next page is fetched only after the callback returns.
    /// </summary>
    public Task ForEachPodCredentialsPageAsync(
        string? ns,
        Func<KubeListPage<KubePodCredentials>, Task> onPage,
        KubeListOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ForEachPageAsync(ListPath(ns, "pods"), ns, KubePodCredentialsReader.ReadPod, onPage, options, cancellationToken);

    /// <summary>Every pod's credential environment in <paramref name="ns"/> (all namespaces when null), all pages collected.</summary>
    public async Task<IReadOnlyList<KubePodCredentials>> ListPodCredentialsAsync(string? ns, KubeListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new List<KubePodCredentials>();
        await ForEachPodCredentialsPageAsync(ns, page => Collect(result, page), options, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
