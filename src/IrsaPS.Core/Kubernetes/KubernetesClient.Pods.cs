using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
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

    /// <summary>Every page of pods, fetched as they are consumed.</summary>
    public async IAsyncEnumerable<KubeListPage<KubePod>> ListPodPagesAsync(
        string? ns,
        KubeListOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? continueToken = null;
        do
        {
            var page = await ListPodsPageAsync(ns, options, continueToken, cancellationToken).ConfigureAwait(false);
            yield return page;
            continueToken = page.Continue;
        }
        while (continueToken is not null);
    }

    /// <summary>Every pod in <paramref name="ns"/> (all namespaces when null), streamed page by page.</summary>
    public async IAsyncEnumerable<KubePod> ListPodsAsync(
        string? ns,
        KubeListOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in ListPodPagesAsync(ns, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var pod in page.Items)
            {
                yield return pod;
            }
        }
    }

    /// <summary>The pods running as one ServiceAccount (field selector <c>spec.serviceAccountName</c>): those to restart after an annotation change.</summary>
    public async Task<IReadOnlyList<KubePod>> ListPodsForServiceAccountAsync(string ns, string serviceAccountName, CancellationToken cancellationToken = default)
    {
        KubernetesNames.ValidateServiceAccountName(serviceAccountName);
        var options = new KubeListOptions { FieldSelector = "spec.serviceAccountName=" + serviceAccountName };
        var pods = new List<KubePod>();
        await foreach (var pod in ListPodsAsync(ns, options, cancellationToken).ConfigureAwait(false))
        {
            pods.Add(pod);
        }

        return pods;
    }
}
