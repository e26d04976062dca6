using System;
using IrsaPS.Core.Policy.PodIdentity;

namespace IrsaPS.PodIdentity;

/// <summary>The string forms of the Pod Identity parameters (kept to strings so parameter types never name a core type).</summary>
internal static class PodIdentityParameters
{
    /// <summary>The values -TrustScope accepts.</summary>
    public const string ServiceAccount = nameof(PodIdentityTrustScope.ServiceAccount);
    public const string Cluster = nameof(PodIdentityTrustScope.Cluster);
    public const string Any = nameof(PodIdentityTrustScope.Any);

    public static PodIdentityTrustScope Scope(string? text) =>
        string.IsNullOrEmpty(text) ? PodIdentityTrustScope.ServiceAccount : (PodIdentityTrustScope)Enum.Parse(typeof(PodIdentityTrustScope), text, ignoreCase: true);
}
