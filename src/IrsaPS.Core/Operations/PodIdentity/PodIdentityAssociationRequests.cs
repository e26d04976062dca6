using System.Collections.Generic;
using IrsaPS.Core.Aws.Eks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy.PodIdentity;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>What New-IrsaPodIdentityAssociation asks for. <see cref="Validate"/> checks all of it before anything is sent.</summary>
public sealed record NewPodIdentityAssociationRequest
{
    public string ClusterName { get; init; } = string.Empty;

    public string Namespace { get; init; } = string.Empty;

    public string ServiceAccountName { get; init; } = string.Empty;

    public string RoleArn { get; init; } = string.Empty;

    public string? TargetRoleArn { get; init; }

    public bool DisableSessionTags { get; init; }

    /// <summary>A session policy (JSON) that limits the pods' permissions.</summary>
    public string? Policy { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Re-point an existing association of the service account to <see cref="RoleArn"/> instead of refusing.</summary>
    public bool Replace { get; init; }

    /// <summary>How narrowly the statement added to the role's trust admits pods.eks.amazonaws.com.</summary>
    public PodIdentityTrustScope TrustScope { get; init; } = PodIdentityTrustScope.ServiceAccount;

    /// <summary>Also pin <c>aws:SourceAccount</c> in the added statement.</summary>
    public bool RequireSourceAccount { get; init; }

    public void Validate()
    {
        EksNames.ValidateClusterName(ClusterName);
        KubernetesNames.ValidateNamespace(Namespace);
        KubernetesNames.ValidateServiceAccountName(ServiceAccountName);
        Arn.ParseRole(RoleArn);
        if (TargetRoleArn is not null)
        {
            Arn.ParseRole(TargetRoleArn);
        }

        PodIdentityAssociationRequestChecks.ValidatePolicy(Policy);
        PodIdentityAssociationRequestChecks.ValidateTags(Tags);
        PodIdentityAssociationRequestChecks.ValidateScope(TrustScope, DisableSessionTags);
    }
}

/// <summary>
/// What Set-IrsaPodIdentityAssociation asks for: the association (by id, or by namespace and service account) and the
/// members to change (null: unchanged; an empty <see cref="TargetRoleArn"/> or <see cref="Policy"/> removes it).
/// </summary>
public sealed record SetPodIdentityAssociationRequest
{
    public string ClusterName { get; init; } = string.Empty;

    public string? AssociationId { get; init; }

    public string? Namespace { get; init; }

    public string? ServiceAccountName { get; init; }

    public string? RoleArn { get; init; }

    public string? TargetRoleArn { get; init; }

    public bool? DisableSessionTags { get; init; }

    public string? Policy { get; init; }

    public PodIdentityTrustScope TrustScope { get; init; } = PodIdentityTrustScope.ServiceAccount;

    public bool RequireSourceAccount { get; init; }

    public void Validate()
    {
        EksNames.ValidateClusterName(ClusterName);
        PodIdentityAssociationRequestChecks.ValidateSelector(AssociationId, Namespace, ServiceAccountName);
        if (RoleArn is not null)
        {
            Arn.ParseRole(RoleArn);
        }

        if (!string.IsNullOrEmpty(TargetRoleArn))
        {
            Arn.ParseRole(TargetRoleArn);
        }

        PodIdentityAssociationRequestChecks.ValidatePolicy(Policy);
        if (RoleArn is null && TargetRoleArn is null && DisableSessionTags is null && Policy is null)
        {
            throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Nothing to change: give -RoleArn, -TargetRoleArn, -DisableSessionTag or -Policy.");
        }
    }
}

/// <summary>Checks shared by the association requests.</summary>
internal static class PodIdentityAssociationRequestChecks
{
    public static void ValidateSelector(string? associationId, string? @namespace, string? serviceAccountName)
    {
        if (associationId is not null)
        {
            EksClient.ValidateAssociationId(associationId);
            return;
        }

        if (@namespace is null || serviceAccountName is null)
        {
            throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Name the association: -AssociationId, or -Namespace and -ServiceAccountName.");
        }

        KubernetesNames.ValidateNamespace(@namespace);
        KubernetesNames.ValidateServiceAccountName(serviceAccountName);
    }

    public static void ValidatePolicy(string? policy)
    {
        if (!string.IsNullOrEmpty(policy))
        {
            NewRoleRequest.ValidateInlinePolicy("SessionPolicy", policy!);
        }
    }

    public static void ValidateTags(IReadOnlyDictionary<string, string> tags)
    {
        if (tags.Count > 50)
        {
            throw new IrsaValidationException(ErrorIds.InvalidTag, $"{tags.Count} tags given; EKS allows at most 50 per association.");
        }

        foreach (var tag in tags)
        {
            IamNames.ValidateTag(tag.Key, tag.Value);
        }
    }

    public static void ValidateScope(PodIdentityTrustScope scope, bool disableSessionTags)
    {
        if (disableSessionTags && scope != PodIdentityTrustScope.Any)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                $"-DisableSessionTag removes the session tags that a trust scoped to the {scope.ToString().ToLowerInvariant()} matches (aws:RequestTag/...): the role could never be assumed. Add -TrustScope Any (and -RequireSourceAccount to pin the account).");
        }
    }
}
