using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Wire;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Core.Validation;
using k8s.Models;
using static IrsaPS.Core.Json.JsonElementReader;

namespace IrsaPS.Core.Kubernetes;

// ServiceAccounts: read, list, create, change annotations (merge patch touching only the given keys), delete, TokenRequest.
internal sealed partial class KubernetesClient
{
    /// <summary>The ServiceAccount; throws <see cref="KubernetesNotFoundException"/> when it does not exist.</summary>
    public Task<KubeServiceAccount> GetServiceAccountAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, ServiceAccountPath(ns, name), null, ns + "/" + name, KubeJsonReader.ReadServiceAccount, cancellationToken);

    /// <summary>The ServiceAccount, or null when it (or its namespace) does not exist.</summary>
    public Task<KubeServiceAccount?> FindServiceAccountAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        NullIfNotFound(GetServiceAccountAsync(ns, name, cancellationToken));

    /// <summary>Calls <paramref name="onPage"/> for every page of ServiceAccounts in <paramref name="ns"/> (all namespaces when null), one page in memory at a time.</summary>
    public Task ForEachServiceAccountPageAsync(string? ns, Func<KubeListPage<KubeServiceAccount>, Task> onPage, KubeListOptions? options = null, CancellationToken cancellationToken = default) =>
        ForEachPageAsync(ListPath(ns, "serviceaccounts"), ns, KubeJsonReader.ReadServiceAccount, onPage, options, cancellationToken);

    /// <summary>Every ServiceAccount in <paramref name="ns"/> (all namespaces when null), all pages collected.</summary>
    public Task<IReadOnlyList<KubeServiceAccount>> ListServiceAccountsAsync(string? ns, KubeListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAllAsync(ListPath(ns, "serviceaccounts"), ns, KubeJsonReader.ReadServiceAccount, options, cancellationToken);

    /// <summary>Creates a ServiceAccount; throws <see cref="KubernetesAlreadyExistsException"/> when it exists.</summary>
    public Task<KubeServiceAccount> CreateServiceAccountAsync(
        string ns, string name, IReadOnlyDictionary<string, string>? annotations = null, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        KubernetesNames.ValidateServiceAccountName(name);
        var body = new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Annotations = annotations?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                Labels = labels?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            },
        };
        return SendAsync(HttpMethod.Post, NamespacePath(ns) + "/serviceaccounts", body, ns + "/" + name, KubeJsonReader.ReadServiceAccount, cancellationToken);
    }

    /// <summary>
    /// Sets (value) or removes (null) annotations with a JSON merge patch; every other annotation stays as it is.
    /// With <paramref name="expectedResourceVersion"/> the server refuses (<see cref="KubernetesConflictException"/>)
    /// when the object changed since it was read.
    /// </summary>
    public Task<KubeServiceAccount> PatchServiceAccountAnnotationsAsync(
        string ns, string name, IReadOnlyDictionary<string, string?> changes, string? expectedResourceVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var metadata = new Dictionary<string, object?> { ["annotations"] = changes };
        if (expectedResourceVersion is not null)
        {
            metadata["resourceVersion"] = expectedResourceVersion;
        }

        var patch = JsonSerializer.Serialize(new Dictionary<string, object> { ["metadata"] = metadata });
        return SendAsync(HttpMethod.Patch, ServiceAccountPath(ns, name), patch, ns + "/" + name, KubeJsonReader.ReadServiceAccount, cancellationToken, "application/merge-patch+json");
    }

    /// <summary>
    /// Applies a planned change: creates the ServiceAccount with its annotations when it did not exist (adopting it with
    /// a patch if someone created it meanwhile), else merge-patches only the changed keys. With
    /// <paramref name="requireUnchanged"/> the patch carries the resourceVersion that was read, so a concurrent change
    /// fails with <see cref="KubernetesConflictException"/> instead of being overwritten.
    /// </summary>
    public async Task<ServiceAccountWriteResult> ApplyAnnotationChangeAsync(ServiceAccountAnnotationChange change, bool requireUnchanged = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!change.HasChanges)
        {
            return new ServiceAccountWriteResult(change.Current, false, false);
        }

        if (change.WillCreate)
        {
            var annotations = change.Patch.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
            try
            {
                return new ServiceAccountWriteResult(await CreateServiceAccountAsync(change.Namespace, change.Name, annotations, null, cancellationToken).ConfigureAwait(false), true, true);
            }
            catch (KubernetesAlreadyExistsException) when (!requireUnchanged)
            {
                // Created by someone else since it was read: adopt it, touching only our keys.
            }
        }

        try
        {
            var patched = await PatchServiceAccountAnnotationsAsync(change.Namespace, change.Name, change.Patch, requireUnchanged ? change.Current?.ResourceVersion : null, cancellationToken).ConfigureAwait(false);
            return new ServiceAccountWriteResult(patched, false, true);
        }
        catch (KubernetesNotFoundException) when (!requireUnchanged && change.Patch.Values.Any(v => v is not null) && change.Current is not null)
        {
            // Deleted by someone else since it was read: create it again with the annotations it should have.
            var annotations = change.After.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            return new ServiceAccountWriteResult(await CreateServiceAccountAsync(change.Namespace, change.Name, annotations, null, cancellationToken).ConfigureAwait(false), true, true);
        }
    }

    /// <summary>Deletes the ServiceAccount. Returns false when it did not exist.</summary>
    public async Task<bool> DeleteServiceAccountAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        await NullIfNotFound(SendAsync(HttpMethod.Delete, ServiceAccountPath(ns, name), null, ns + "/" + name, _ => string.Empty, cancellationToken)).ConfigureAwait(false) is not null;

    /// <summary>
    /// Asks the API server for a token of the ServiceAccount (<c>POST .../serviceaccounts/name/token</c>) with the
    /// given audiences (e.g. <c>sts.amazonaws.com</c>) and lifetime (the server's minimum is 600 s; null uses its default):
    /// a real ServiceAccount token for live trust tests.
    /// </summary>
    public async Task<KubeServiceAccountToken> RequestServiceAccountTokenAsync(
        string ns, string name, IReadOnlyList<string> audiences, long? expirationSeconds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audiences);
        var body = new Authenticationv1TokenRequest
        {
            ApiVersion = "authentication.k8s.io/v1",
            Kind = "TokenRequest",
            Spec = new V1TokenRequestSpec { Audiences = audiences.ToList(), ExpirationSeconds = expirationSeconds },
        };
        var (token, expires, granted) = await SendAsync(HttpMethod.Post, ServiceAccountPath(ns, name) + "/token", body, ns + "/" + name, root =>
        {
            var status = Child(root, "status");
            var list = Child(Child(root, "spec"), "audiences");
            return (GetString(status, "token"), GetTime(status, "expirationTimestamp"),
                list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(a => a.GetString() ?? string.Empty).ToList() : audiences.ToList());
        }, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
        {
            throw new IrsaException(ErrorIds.KubeInvalidResponse, IrsaErrorKind.InvalidData, $"The TokenRequest for {ns}/{name} on {Connection.DisplayName} returned no token.", ns + "/" + name);
        }

        return new KubeServiceAccountToken { Namespace = ns, ServiceAccountName = name, Token = token, ExpirationTimestamp = expires, Audiences = granted };
    }

    private static string ServiceAccountPath(string ns, string name) =>
        NamespacePath(ns) + "/serviceaccounts/" + Escape(KubernetesNames.ValidateServiceAccountName(name));
}
