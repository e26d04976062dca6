using System;
using System.Collections.Generic;

namespace IrsaPS.Emulators.Eks;

/// <summary>
/// One EKS Pod Identity association as the emulator keeps it: every member of botocore's <c>PodIdentityAssociation</c>
/// shape (eks 2017-11-01), plus the region and the time it becomes visible to List and to the webhook
/// (<see cref="VisibleFrom"/>: associations are eventually consistent).
/// </summary>
public sealed record PodIdentityAssociationRecord(
    string Region,
    string AccountId,
    string ClusterName,
    string Namespace,
    string ServiceAccount,
    string RoleArn,
    string AssociationArn,
    string AssociationId,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt,
    string? OwnerArn,
    bool DisableSessionTags,
    string? TargetRoleArn,
    string? ExternalId,
    string? Policy,
    DateTimeOffset VisibleFrom)
{
    /// <summary>The store key of the cluster it belongs to.</summary>
    public string ClusterKey => PodIdentityAssociationStore.Key(Region, ClusterName);
}
