namespace IrsaPS.Core.Hosting;

/// <summary>
/// The activity ids of IrsaPS's progress bars: one per kind of long-running work, so that bars of different operations
/// never replace each other and every bar is completed under the id it was opened with.
/// </summary>
internal static class ProgressActivities
{
    /// <summary>Applying a plan's writes (step i of n).</summary>
    public const int ApplyChanges = 0x1A5A_0001;

    /// <summary>Reading every IAM role (ListRoles pages) to find those that trust an issuer.</summary>
    public const int RoleScan = 0x1A5A_0002;

    /// <summary>Describing the clusters of a region.</summary>
    public const int ClusterScan = 0x1A5A_0003;

    /// <summary>Reading every OIDC provider of the account.</summary>
    public const int ProviderScan = 0x1A5A_0004;

    /// <summary>AWS calls being retried (throttling, 5xx, no answer) within their time budget.</summary>
    public const int AwsRetry = 0x1A5A_0005;

    /// <summary>Reading CloudTrail (LookupEvents pages or trail files) for Get-IrsaRoleActivity and the audit's activity checks.</summary>
    public const int RoleActivity = 0x1A5A_0013;

    /// <summary>Test-IrsaTrust -All: testing every annotated service account of a cluster.</summary>
    public const int TrustTest = 7301;

    /// <summary>Invoke-IrsaAudit reading the AWS account (runs beside <see cref="AuditKubernetes"/>).</summary>
    public const int AuditAws = 7401;

    /// <summary>Invoke-IrsaAudit reading the cluster (runs beside <see cref="AuditAws"/>).</summary>
    public const int AuditKubernetes = 7402;

    /// <summary>Invoke-IrsaAudit running its checks over what was read.</summary>
    public const int AuditChecks = 7403;
}
