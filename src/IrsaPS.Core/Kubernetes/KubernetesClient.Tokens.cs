using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Wire;
using k8s.Models;

namespace IrsaPS.Core.Kubernetes;

// TokenRequest: a real ServiceAccount token for live trust tests.
public sealed partial class KubernetesClient
{
    /// <summary>
    /// Asks the API server for a token of the ServiceAccount (<c>POST .../serviceaccounts/name/token</c>) with the
    /// given audiences (e.g. <c>sts.amazonaws.com</c>) and lifetime (the server's minimum is 600 s; null uses its default).
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
            var status = KubeJsonReader.Child(root, "status");
            var list = KubeJsonReader.Child(KubeJsonReader.Child(root, "spec"), "audiences");
            return (KubeJsonReader.GetString(status, "token"), KubeJsonReader.GetTime(status, "expirationTimestamp"),
                list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(a => a.GetString() ?? string.Empty).ToList() : audiences.ToList());
        }, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
        {
            throw new IrsaException(ErrorIds.KubeInvalidResponse, IrsaErrorKind.InvalidData, $"The TokenRequest for {ns}/{name} on {Connection.DisplayName} returned no token.", ns + "/" + name);
        }

        return new KubeServiceAccountToken { Namespace = ns, ServiceAccountName = name, Token = token, ExpirationTimestamp = expires, Audiences = granted };
    }
}
