using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Transport;
using IrsaPS.Core.Kubernetes.Wire;

namespace IrsaPS.Core.Kubernetes;

// TokenRequest: a real ServiceAccount token for live trust tests.
public sealed partial class KubernetesClient
{
    /// <summary>
    /// Asks the API server for a token of the ServiceAccount (<c>POST .../serviceaccounts/name/token</c>) with the
    /// given audiences (e.g. <c>sts.amazonaws.com</c>) and lifetime (the server's minimum is 600 s; null uses its default).
    /// </summary>
    public async Task<KubeServiceAccountToken> RequestServiceAccountTokenAsync(
        string ns,
        string name,
        IReadOnlyList<string> audiences,
        long? expirationSeconds = null,
        CancellationToken cancellationToken = default)
    {
        if (audiences is null)
        {
            throw new ArgumentNullException(nameof(audiences));
        }

        var request = new KubeRequest(HttpMethod.Post, ServiceAccountPath(ns, name) + "/token", ns + "/" + name)
        {
            Body = KubeJsonWriter.TokenRequest(audiences, expirationSeconds),
        };
        using var document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var status = KubeJsonReader.Child(root, "status");
        var token = KubeJsonReader.GetString(status, "token");
        if (string.IsNullOrEmpty(token))
        {
            throw new IrsaException(
                ErrorIds.KubeInvalidResponse,
                IrsaErrorKind.InvalidData,
                $"The TokenRequest for {ns}/{name} on {Connection.DisplayName} returned no token.",
                ns + "/" + name);
        }

        var spec = KubeJsonReader.Child(root, "spec");
        var granted = spec.ValueKind == System.Text.Json.JsonValueKind.Object
            && spec.TryGetProperty("audiences", out var list)
            && list.ValueKind == System.Text.Json.JsonValueKind.Array
                ? list.EnumerateArray().Select(a => a.GetString() ?? string.Empty).ToList()
                : audiences.ToList();
        return new KubeServiceAccountToken
        {
            Namespace = ns,
            ServiceAccountName = name,
            Token = token!,
            ExpirationTimestamp = KubeJsonReader.GetTime(status, "expirationTimestamp"),
            Audiences = granted,
        };
    }
}
