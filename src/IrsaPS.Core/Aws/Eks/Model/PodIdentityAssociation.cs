using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Eks.Model;

/// <summary>
/// An EKS Pod Identity association as Create/Describe/Update/Delete return it: every member of botocore's
/// <c>PodIdentityAssociation</c> shape (eks 2017-11-01), named as AWSSDK.EKS names them.
/// </summary>
internal sealed class PodIdentityAssociation
{
    public string ClusterName { get; set; } = string.Empty;

    public string Namespace { get; set; } = string.Empty;

    public string ServiceAccount { get; set; } = string.Empty;

    /// <summary>The role the EKS Pod Identity agent assumes for the pods.</summary>
    public string RoleArn { get; set; } = string.Empty;

    public string AssociationArn { get; set; } = string.Empty;

    /// <summary><c>a-</c> and 17 characters.</summary>
    public string AssociationId { get; set; } = string.Empty;

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public DateTime? CreatedAt { get; set; }

    public DateTime? ModifiedAt { get; set; }

    /// <summary>The EKS add-on that owns (created and manages) the association; null when it is not an add-on's.</summary>
    public string? OwnerArn { get; set; }

    /// <summary>True when EKS does not add its session tags (eks-cluster-arn, kubernetes-namespace...) when assuming the role.</summary>
    public bool? DisableSessionTags { get; set; }

    /// <summary>A role (possibly in another account) that <see cref="RoleArn"/>'s session assumes in turn.</summary>
    public string? TargetRoleArn { get; set; }

    /// <summary>The sts:ExternalId EKS uses when assuming <see cref="TargetRoleArn"/>.</summary>
    public string? ExternalId { get; set; }

    /// <summary>A session policy that limits the pods' permissions.</summary>
    public string? Policy { get; set; }

    public override string ToString() => AssociationArn.Length > 0 ? AssociationArn : AssociationId;
}

/// <summary>What ListPodIdentityAssociations returns per association: no role (Describe has it).</summary>
internal sealed class PodIdentityAssociationSummary
{
    public string ClusterName { get; set; } = string.Empty;

    public string Namespace { get; set; } = string.Empty;

    public string ServiceAccount { get; set; } = string.Empty;

    public string AssociationArn { get; set; } = string.Empty;

    public string AssociationId { get; set; } = string.Empty;

    /// <summary>The EKS add-on that owns the association; null when it is not an add-on's.</summary>
    public string? OwnerArn { get; set; }

    public override string ToString() => AssociationArn.Length > 0 ? AssociationArn : AssociationId;
}
