using IrsaPS.Core.Policy.PodIdentity;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>Which service account a migration stage works on, and (Start) how to scope the Pod Identity trust.</summary>
public sealed record PodIdentityMigrationRequest
{
    public string ClusterName { get; init; } = string.Empty;

    public string Namespace { get; init; } = string.Empty;

    public string ServiceAccountName { get; init; } = string.Empty;

    /// <summary>The role the caller expects (e.g. piped from Get-IrsaServiceAccount); a different one is an error. Null: any.</summary>
    public string? RoleArn { get; init; }

    public PodIdentityTrustScope TrustScope { get; init; } = PodIdentityTrustScope.ServiceAccount;

    public bool RequireSourceAccount { get; init; }

    public string Target => Namespace + "/" + ServiceAccountName;

    public void Validate()
    {
        EksNames.ValidateClusterName(ClusterName);
        KubernetesNames.ValidateNamespace(Namespace);
        KubernetesNames.ValidateServiceAccountName(ServiceAccountName);
        if (RoleArn is not null)
        {
            Arn.ParseRole(RoleArn);
        }
    }
}
