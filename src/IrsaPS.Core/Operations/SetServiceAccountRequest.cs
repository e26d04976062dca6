using IrsaPS.Core.Kubernetes;
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

    /// <summary>Throws on bad input before anything is read or written.</summary>
    public ServiceAccountAnnotationChange ValidateAndPlan(KubeServiceAccount? current) =>
        ServiceAccountAnnotationChange.ForIrsa(Namespace, Name, current, RoleArn, Audience, StsRegionalEndpoints, TokenExpiration);

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
