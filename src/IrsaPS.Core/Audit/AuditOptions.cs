using System.Collections.Generic;

namespace IrsaPS.Core.Audit;

/// <summary>What Invoke-IrsaAudit was asked: which checks, the boundary policy to require, and paging/parallelism.</summary>
public sealed class AuditOptions
{
    public static readonly AuditOptions Default = new();

    /// <summary>Checks by id (<c>IRSA007</c>) or name (<c>AnnotatedRoleDoesNotTrust</c>), case-insensitive; null or empty runs the default set.</summary>
    public IReadOnlyList<string>? Checks { get; init; }

    /// <summary>
    /// The permissions boundary every IRSA role must have (check IRSA014). Giving it also adds IRSA014 to the default set;
    /// when IRSA014 is selected without it, any boundary satisfies the check.
    /// </summary>
    public string? RequiredPermissionsBoundaryArn { get; init; }

    /// <summary>Roles per ListRoles page: IAM's (and moto's) maximum, 1,000, makes the fewest calls.</summary>
    public int RolePageSize { get; init; } = 1000;

    /// <summary>Items per Kubernetes list page (kubectl's 500).</summary>
    public int KubernetesPageSize { get; init; } = 500;

    /// <summary>Adds the CloudTrail checks (IRSA031-IRSA033) to the default set.</summary>
    public bool IncludeCloudTrail { get; init; }

    /// <summary>The CloudTrail window of IRSA031-IRSA033 in days, up to now (1-90: LookupEvents keeps 90 days).</summary>
    public int ActivityDays { get; init; } = 30;

    /// <summary>IRSA030: a role not used for this many days (or never, and older than that) is reported (1-400: IAM tracks 400 days).</summary>
    public int UnusedRoleDays { get; init; } = 90;

    /// <summary>How many DescribeCluster calls for the region's other clusters run at once (1-32); nothing else is read per item.</summary>
    public int MaxParallelCalls { get; init; } = 8;
}
