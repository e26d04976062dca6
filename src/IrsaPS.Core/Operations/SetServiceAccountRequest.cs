using System;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Policy;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>What Set-IrsaServiceAccount asks for.</summary>
public sealed record SetServiceAccountRequest
{
    /// <summary>The EKS cluster (chooses the API server; null: the kubeconfig's context).</summary>
    public string? ClusterName { get; init; }

    public string Namespace { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string RoleArn { get; init; } = string.Empty;

    /// <summary><c>eks.amazonaws.com/audience</c>; null leaves an existing value alone.</summary>
    public string? Audience { get; init; }

    /// <summary><c>eks.amazonaws.com/sts-regional-endpoints</c>; null leaves an existing value alone.</summary>
    public bool? StsRegionalEndpoints { get; init; }

    /// <summary><c>eks.amazonaws.com/token-expiration</c> in seconds (600-86400); null leaves an existing value alone.</summary>
    public int? TokenExpiration { get; init; }

    /// <summary>Refuse to create a missing ServiceAccount (only annotate existing ones).</summary>
    public bool NoCreate { get; init; }

    /// <summary>
    /// Throws on bad input before anything is read or written. The webhook's default audience (sts.amazonaws.com) is
    /// only written when it replaces another audience: an account without the annotation already uses it, so a role
    /// piped in with its default audience adds no annotation.
    /// </summary>
    internal ServiceAccountAnnotationChange ValidateAndPlan(KubeServiceAccount? current)
    {
        var audience = Audience;
        if (audience is not null && current?.Irsa.Audience is null && string.Equals(audience, IrsaSubject.DefaultAudience, StringComparison.Ordinal))
        {
            audience = null;
        }

        return ServiceAccountAnnotationChange.ForIrsa(Namespace, Name, current, RoleArn, audience, StsRegionalEndpoints, TokenExpiration);
    }

    public void Validate()
    {
        if (ClusterName is not null)
        {
            EksNames.ValidateClusterName(ClusterName);
        }

        KubernetesNames.ValidateNamespace(Namespace);
        KubernetesNames.ValidateServiceAccountName(Name);
        ValidateAndPlan(null);
    }
}
