using System;
using System.Collections.Generic;
using IrsaPS.Core.Kubernetes;

namespace IrsaPS.Core.Audit;

/// <summary>
/// Everything an audit reads, gathered once (by <see cref="AuditGatherer"/>, or built by hand in tests): the audited
/// cluster, the account's roles (with their trust policies) and OIDC providers, the cluster's service accounts, the
/// pods the checks need, the nodes and EC2 instances those pods run on, and optionally the other clusters of the region.
/// Checks are pure functions of it.
/// </summary>
internal sealed partial class AuditSnapshot
{
    public AuditClusterInfo Cluster { get; init; } = new();

    /// <summary>The caller's account: where the roles and providers were read.</summary>
    public string AccountId { get; init; } = string.Empty;

    public string Partition { get; init; } = "aws";

    /// <summary>The region of the AWS connection (EKS calls).</summary>
    public string? Region { get; init; }

    public IReadOnlyList<AuditRole> Roles { get; init; } = [];

    public IReadOnlyList<AuditOidcProvider> OidcProviders { get; init; } = [];

    /// <summary>Customer-managed policies' default documents by ARN (read only when a check needs roles' policies).</summary>
    public IReadOnlyDictionary<string, string> ManagedPolicyDocuments { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<KubeServiceAccount> ServiceAccounts { get; init; } = [];

    /// <summary>The pods the checks need: those running as a service account with the role-arn annotation.</summary>
    public IReadOnlyList<KubePod> Pods { get; init; } = [];

    /// <summary>How many pods were listed in all (kept or not).</summary>
    public int PodsListed { get; init; }

    /// <summary>The nodes that run the kept pods off the host network (read only when IRSA011 runs and such pods exist).</summary>
    public IReadOnlyList<KubeNode> Nodes { get; init; } = [];

    /// <summary>How many nodes were listed in all (kept or not).</summary>
    public int NodesListed { get; init; }

    /// <summary>The EC2 instances behind <see cref="Nodes"/> that DescribeInstances found, with their metadata options.</summary>
    public IReadOnlyList<AuditInstance> Instances { get; init; } = [];

    /// <summary>
    /// Why the nodes or their instances could not be read (e.g. <c>ec2:DescribeInstances</c> was denied); null when they
    /// were read or were not needed. IRSA011 then reports that its IMDS half was not checked instead of failing the audit.
    /// </summary>
    public string? NodeInstancesUnavailable { get; init; }

    /// <summary>The other clusters found in <see cref="ClusterRegionsQueried"/> (for "issuer of a cluster that no longer exists").</summary>
    public IReadOnlyList<AuditClusterInfo> OtherClusters { get; init; } = [];

    /// <summary>The regions whose cluster list was read; issuers in other regions are never called stale.</summary>
    public IReadOnlyList<string> ClusterRegionsQueried { get; init; } = [];

    /// <summary>When the snapshot was taken: "now" for checks that measure age (IRSA030).</summary>
    public DateTime TakenAt { get; init; } = DateTime.UtcNow;

    /// <summary>What CloudTrail recorded for the cluster's IRSA roles in <see cref="ActivityWindow"/> (IRSA031-033), per role, subject and issuer.</summary>
    public IReadOnlyList<Activity.ActivityEntry> Activity { get; init; } = [];

    /// <summary>The window <see cref="Activity"/> covers; null when CloudTrail was not read.</summary>
    public Activity.ActivityWindow? ActivityWindow { get; init; }

    /// <summary>
    /// Why CloudTrail could not be read, or was read only in part (e.g. <c>cloudtrail:LookupEvents</c> was denied); null when it
    /// was read whole or not needed. The CloudTrail checks then report one Info finding each instead of guessing.
    /// </summary>
    public string? ActivityUnavailable { get; init; }

    /// <summary>What was gathered: a check whose data is missing reports nothing rather than guessing.</summary>
    public AuditNeeds Gathered { get; init; } = AuditNeeds.All;
}
