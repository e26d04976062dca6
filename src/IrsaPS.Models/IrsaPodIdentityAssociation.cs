using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>
/// An EKS Pod Identity association: which IAM role the pods of one service account of a cluster get through the EKS Pod
/// Identity Agent. <see cref="ClusterName"/>, <see cref="Namespace"/>, <see cref="ServiceAccountName"/>,
/// <see cref="RoleArn"/> and <see cref="AssociationId"/> are pipeline keys.
/// </summary>
public sealed class IrsaPodIdentityAssociation
{
    public string ClusterName { get; init; } = string.Empty;

    public string Namespace { get; init; } = string.Empty;

    public string ServiceAccountName { get; init; } = string.Empty;

    /// <summary>The role the EKS Pod Identity Agent assumes for the pods (IrsaPS describes every association, as the list has no role).</summary>
    public string? RoleArn { get; init; }

    /// <summary>The role name from <see cref="RoleArn"/>.</summary>
    public string? RoleName { get; init; }

    /// <summary><c>a-</c> and 17 characters.</summary>
    public string AssociationId { get; init; } = string.Empty;

    public string AssociationArn { get; init; } = string.Empty;

    /// <summary>The EKS add-on that owns the association (IrsaPS shows it but never changes it); null when none does.</summary>
    public string? OwnerArn { get; init; }

    /// <summary>True when an EKS add-on owns the association.</summary>
    public bool IsAddonOwned => OwnerArn is not null;

    public string? TargetRoleArn { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>True when EKS does not add its session tags (eks-cluster-arn, kubernetes-namespace...).</summary>
    public bool DisableSessionTags { get; init; }

    /// <summary>A session policy that limits the pods' permissions.</summary>
    public string? Policy { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>
    /// Whether the role's trust lets pods.eks.amazonaws.com assume it and tag the session for this association (null when
    /// not checked, e.g. the role is in another account or could not be read).
    /// </summary>
    public bool? RoleTrustsPodIdentity { get; init; }

    /// <summary>Why (one sentence), when <see cref="RoleTrustsPodIdentity"/> was checked.</summary>
    public string? TrustReason { get; init; }

    /// <summary>True when this call created the association.</summary>
    public bool Created { get; init; }

    /// <summary>True when this call deleted it (Remove-IrsaPodIdentityAssociation).</summary>
    public bool Deleted { get; init; }

    /// <summary>What this call planned, and whether each write was applied.</summary>
    public IReadOnlyList<IrsaChange> Changes { get; init; } = [];

    public override string ToString() => $"{Namespace}/{ServiceAccountName} → {RoleArn}";
}
