using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// A token from the TokenRequest API: a JWT for the ServiceAccount, signed by the cluster's issuer, for the asked audiences.
/// Secret: <see cref="ToString"/> never shows it.
/// </summary>
internal sealed class KubeServiceAccountToken
{
    public required string Namespace { get; init; }

    public required string ServiceAccountName { get; init; }

    /// <summary>The JWT. Secret.</summary>
    public required string Token { get; init; }

    public DateTimeOffset? ExpirationTimestamp { get; init; }

    public IReadOnlyList<string> Audiences { get; init; } = [];

    public override string ToString() => $"token for {Namespace}/{ServiceAccountName} (redacted), expires {ExpirationTimestamp:u}";
}
