using System;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit;

/// <summary>An EKS cluster as the audit needs it: identity, OIDC issuer, version, endpoint access and placement.</summary>
internal sealed class AuditClusterInfo
{
    public string Name { get; init; } = string.Empty;

    public string? Arn { get; init; }

    public string? Region { get; init; }

    /// <summary>The issuer URL; null when the cluster has none (Outposts local clusters).</summary>
    public string? Issuer { get; init; }

    /// <summary>The Kubernetes version, e.g. <c>1.31</c>.</summary>
    public string? Version { get; init; }

    public string? PlatformVersion { get; init; }

    public string? Status { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public bool EndpointPublicAccess { get; init; } = true;

    public bool EndpointPrivateAccess { get; init; }

    public bool IsOutpostsLocalCluster { get; init; }

    /// <summary>From an EKS DescribeCluster answer.</summary>
    public static AuditClusterInfo From(Cluster cluster, string? region)
    {
        if (cluster is null)
        {
            throw new ArgumentNullException(nameof(cluster));
        }

        return new AuditClusterInfo
        {
            Name = cluster.Name,
            Arn = cluster.Arn,
            Region = region,
            Issuer = string.IsNullOrEmpty(cluster.OidcIssuer) ? null : cluster.OidcIssuer,
            Version = cluster.Version,
            PlatformVersion = cluster.PlatformVersion,
            Status = cluster.Status,
            CreatedAt = cluster.CreatedAt is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            EndpointPublicAccess = cluster.ResourcesVpcConfig?.EndpointPublicAccess ?? true,
            EndpointPrivateAccess = cluster.ResourcesVpcConfig?.EndpointPrivateAccess ?? false,
            IsOutpostsLocalCluster = cluster.IsOutpostsLocalCluster,
        };
    }

    /// <summary>From a resolved cluster (<see cref="Operations.ClusterResolver"/>), so the audit does not describe it again.</summary>
    public static AuditClusterInfo From(IrsaCluster cluster)
    {
        if (cluster is null)
        {
            throw new ArgumentNullException(nameof(cluster));
        }

        return new AuditClusterInfo
        {
            Name = cluster.ClusterName,
            Arn = cluster.Arn,
            Region = cluster.Region,
            Issuer = cluster.Issuer,
            Version = cluster.Version,
            PlatformVersion = cluster.PlatformVersion,
            Status = cluster.Status,
            CreatedAt = cluster.CreatedAt,
            EndpointPublicAccess = cluster.EndpointPublicAccess,
            EndpointPrivateAccess = cluster.EndpointPrivateAccess,
            IsOutpostsLocalCluster = cluster.IsOutpostsLocalCluster,
        };
    }

    public override string ToString() => Name;
}
