using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes.Transport;
using IrsaPS.Core.Kubernetes.Wire;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Kubernetes;

// ServiceAccounts: read, list, create, change annotations (merge patch touching only the given keys), delete.
public sealed partial class KubernetesClient
{
    private const string MergePatch = "application/merge-patch+json";

    /// <summary>The ServiceAccount; throws <see cref="KubernetesNotFoundException"/> when it does not exist.</summary>
    public async Task<KubeServiceAccount> GetServiceAccountAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        var request = new KubeRequest(HttpMethod.Get, ServiceAccountPath(ns, name), ns + "/" + name);
        using var document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return KubeJsonReader.ReadServiceAccount(document.RootElement);
    }

    /// <summary>The ServiceAccount, or null when it (or its namespace) does not exist.</summary>
    public async Task<KubeServiceAccount?> FindServiceAccountAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetServiceAccountAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesNotFoundException)
        {
            return null;
        }
    }

    /// <summary>One page of ServiceAccounts in <paramref name="ns"/>, or in all namespaces when it is null.</summary>
    public async Task<KubeListPage<KubeServiceAccount>> ListServiceAccountsPageAsync(
        string? ns,
        KubeListOptions? options = null,
        string? continueToken = null,
        CancellationToken cancellationToken = default)
    {
        var path = (ns is null ? "/api/v1/serviceaccounts" : NamespacePath(ns) + "/serviceaccounts") + Query(options ?? KubeListOptions.None, continueToken);
        using var document = await GetJsonAsync(new KubeRequest(HttpMethod.Get, path, ns), cancellationToken).ConfigureAwait(false);
        return KubeJsonReader.ReadList(document.RootElement, KubeJsonReader.ReadServiceAccount);
    }

    /// <summary>
    /// Calls <paramref name="onPage"/> for every page of ServiceAccounts in <paramref name="ns"/> (all namespaces when null),
    /// fetching the next page only after the callback returns: memory stays at one page however large the cluster.
    /// </summary>
    public Task ForEachServiceAccountPageAsync(
        string? ns,
        Func<KubeListPage<KubeServiceAccount>, Task> onPage,
        KubeListOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ForEachPageAsync(token => ListServiceAccountsPageAsync(ns, options, token, cancellationToken), onPage, cancellationToken);

    /// <summary>Every ServiceAccount in <paramref name="ns"/> (all namespaces when null), all pages collected.</summary>
    public async Task<IReadOnlyList<KubeServiceAccount>> ListServiceAccountsAsync(
        string? ns,
        KubeListOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = new List<KubeServiceAccount>();
        await ForEachServiceAccountPageAsync(ns, page => Collect(result, page), options, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Creates a ServiceAccount; throws <see cref="KubernetesAlreadyExistsException"/> when it exists.</summary>
    public async Task<KubeServiceAccount> CreateServiceAccountAsync(
        string ns,
        string name,
        IReadOnlyDictionary<string, string>? annotations = null,
        IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
    {
        KubernetesNames.ValidateServiceAccountName(name);
        var request = new KubeRequest(HttpMethod.Post, NamespacePath(ns) + "/serviceaccounts", ns + "/" + name)
        {
            Body = KubeJsonWriter.ServiceAccount(ns, name, annotations, labels),
        };
        using var document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return KubeJsonReader.ReadServiceAccount(document.RootElement);
    }

    /// <summary>
    /// Sets (value) or removes (null) annotations with a JSON merge patch; every other annotation stays as it is.
    /// With <paramref name="expectedResourceVersion"/> the server refuses (<see cref="KubernetesConflictException"/>)
    /// when the object changed since it was read.
    /// </summary>
    public async Task<KubeServiceAccount> PatchServiceAccountAnnotationsAsync(
        string ns,
        string name,
        IReadOnlyDictionary<string, string?> changes,
        string? expectedResourceVersion = null,
        CancellationToken cancellationToken = default)
    {
        if (changes is null)
        {
            throw new ArgumentNullException(nameof(changes));
        }

        var request = new KubeRequest(new HttpMethod("PATCH"), ServiceAccountPath(ns, name), ns + "/" + name)
        {
            Body = KubeJsonWriter.AnnotationMergePatch(changes, expectedResourceVersion),
            ContentType = MergePatch,
        };
        using var document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return KubeJsonReader.ReadServiceAccount(document.RootElement);
    }

    /// <summary>
    /// Applies a planned change: creates the ServiceAccount with its annotations when it did not exist (adopting it with
    /// a patch if someone created it meanwhile), else merge-patches only the changed keys. With
    /// <paramref name="requireUnchanged"/> the patch carries the resourceVersion that was read, so a concurrent change
    /// fails with <see cref="KubernetesConflictException"/> instead of being overwritten.
    /// </summary>
    public async Task<ServiceAccountWriteResult> ApplyAnnotationChangeAsync(
        ServiceAccountAnnotationChange change,
        bool requireUnchanged = false,
        CancellationToken cancellationToken = default)
    {
        if (change is null)
        {
            throw new ArgumentNullException(nameof(change));
        }

        if (!change.HasChanges)
        {
            return new ServiceAccountWriteResult(change.Current, false, false);
        }

        if (change.WillCreate)
        {
            var annotations = change.Patch.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
            try
            {
                var created = await CreateServiceAccountAsync(change.Namespace, change.Name, annotations, null, cancellationToken).ConfigureAwait(false);
                return new ServiceAccountWriteResult(created, true, true);
            }
            catch (KubernetesAlreadyExistsException) when (!requireUnchanged)
            {
                // Created by someone else since it was read: adopt it, touching only our keys.
            }
        }

        var resourceVersion = requireUnchanged ? change.Current?.ResourceVersion : null;
        try
        {
            var patched = await PatchServiceAccountAnnotationsAsync(change.Namespace, change.Name, change.Patch, resourceVersion, cancellationToken).ConfigureAwait(false);
            return new ServiceAccountWriteResult(patched, false, true);
        }
        catch (KubernetesNotFoundException) when (!requireUnchanged && change.Patch.Values.Any(v => v is not null) && change.Current is not null)
        {
            // Deleted by someone else since it was read: create it again with the annotations it should have.
            var annotations = change.After.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var created = await CreateServiceAccountAsync(change.Namespace, change.Name, annotations, null, cancellationToken).ConfigureAwait(false);
            return new ServiceAccountWriteResult(created, true, true);
        }
    }

    /// <summary>Deletes the ServiceAccount. Returns false when it did not exist.</summary>
    public async Task<bool> DeleteServiceAccountAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var request = new KubeRequest(HttpMethod.Delete, ServiceAccountPath(ns, name), ns + "/" + name);
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesNotFoundException)
        {
            return false;
        }
    }

    private static string NamespacePath(string ns) => "/api/v1/namespaces/" + Escape(KubernetesNames.ValidateNamespace(ns));

    private static string ServiceAccountPath(string ns, string name) =>
        NamespacePath(ns) + "/serviceaccounts/" + Escape(KubernetesNames.ValidateServiceAccountName(name));
}
