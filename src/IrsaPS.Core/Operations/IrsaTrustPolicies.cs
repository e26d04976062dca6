using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>
/// New-IrsaTrustPolicy's entry point, one method per parameter set: <see cref="New"/> (-Issuer, offline),
/// <see cref="NewForClusterAsync"/> (-ClusterName, reads the cluster) and <see cref="NewForPodIdentity"/> (-PodIdentity,
/// offline). Every document is checked against the size quota.
/// </summary>
public static class IrsaTrustPolicies
{
    /// <summary>
    /// The trust document for service accounts of one or more issuers, without calling AWS. The partition follows the
    /// issuer's host (…amazonaws.com.cn → aws-cn, oidc.eks.us-gov-… → aws-us-gov) unless given.
    /// </summary>
    public static Models.IrsaTrustPolicy New(
        IReadOnlyList<string> issuers,
        string accountId,
        IReadOnlyList<ServiceAccountRef> serviceAccounts,
        string? audience,
        bool allowWildcard,
        string? partition = null,
        int sizeLimit = TrustPolicySize.DefaultLimit,
        IReadOnlyDictionary<string, string>? clusterNamesByIssuer = null)
    {
        AccountId.Validate(accountId);
        TrustPolicySize.ValidateLimit(sizeLimit);
        var parsed = issuers.Select(OidcIssuer.Parse).Distinct().ToList();
        var effectivePartition = partition is null ? PartitionOf(parsed[0]) : AwsPartition.Validate(partition);
        var subjects = parsed
            .SelectMany(issuer => serviceAccounts.Select(sa => new IrsaSubject(issuer, sa.Namespace, sa.Name, audience)))
            .ToList();
        var document = Policy.TrustPolicyBuilder.Build(effectivePartition, accountId, subjects, allowWildcard);
        TrustPolicySize.EnsureWithinLimit(document, sizeLimit);
        var compact = document.ToJson();
        return new Models.IrsaTrustPolicy
        {
            Json = document.ToIndentedJson(),
            CompactJson = compact,
            Size = TrustPolicySize.Measure(compact),
            SizeLimit = sizeLimit,
            Subjects = RoleView.Subjects(document, clusterNamesByIssuer),
        };
    }

    /// <summary>
    /// The trust document for service accounts of an EKS cluster: its issuer, and the caller's account and partition
    /// unless <paramref name="accountId"/> names another account (DescribeCluster, GetCallerIdentity and
    /// GetOpenIDConnectProvider; nothing is written). Input is checked before anything is sent.
    /// </summary>
    public static async Task<Models.IrsaTrustPolicy> NewForClusterAsync(
        IrsaSession session,
        string clusterName,
        string? accountId,
        IReadOnlyList<ServiceAccountRef> serviceAccounts,
        string? audience,
        bool allowWildcard,
        int sizeLimit,
        CancellationToken cancellationToken)
    {
        EksNames.ValidateClusterName(clusterName);
        if (accountId is not null)
        {
            AccountId.Validate(accountId);
        }

        if (audience is not null)
        {
            IrsaSubject.ValidateAudience(audience);
        }

        TrustPolicySize.ValidateLimit(sizeLimit);
        var cluster = await session.GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
        var issuer = ClusterResolver.RequireIrsaIssuer(cluster);
        return New(
            [issuer.Url],
            accountId ?? cluster.AccountId,
            serviceAccounts,
            audience,
            allowWildcard,
            cluster.Partition,
            sizeLimit,
            new Dictionary<string, string>(StringComparer.Ordinal) { [issuer.HostPath] = cluster.ClusterName });
    }

    /// <summary>
    /// The trust document that lets EKS Pod Identity (pods.eks.amazonaws.com) assume a role for service accounts of a
    /// cluster, without calling AWS (<see cref="PodIdentity.PodIdentityTrustPolicyFactory"/>).
    /// </summary>
    public static Models.IrsaTrustPolicy NewForPodIdentity(
        string? clusterArn,
        string? accountId,
        string? partition,
        IReadOnlyList<ServiceAccountRef> serviceAccounts,
        PodIdentity.PodIdentityRoleOptions options,
        int sizeLimit = TrustPolicySize.DefaultLimit) =>
        PodIdentity.PodIdentityTrustPolicyFactory.Build(clusterArn, accountId, partition, serviceAccounts, options, sizeLimit);

    /// <summary>The partition an issuer host belongs to.</summary>
    internal static string PartitionOf(OidcIssuer issuer)
    {
        var host = issuer.Host;
        if (EksIssuerHost.TryGetRegion(issuer.HostPath, out var region))
        {
            // Every EKS issuer form (oidc.eks.<region>.amazonaws.com[.cn], the dual-stack oidc-eks.<region>.api.*) names its region.
            return region.StartsWith("cn-", StringComparison.Ordinal) ? AwsPartition.China
                : region.StartsWith("us-gov-", StringComparison.Ordinal) ? AwsPartition.GovCloud
                : AwsPartition.Aws;
        }

        if (host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase))
        {
            return AwsPartition.China;
        }

        return host.StartsWith("oidc.eks.us-gov-", StringComparison.OrdinalIgnoreCase) ? AwsPartition.GovCloud : AwsPartition.Aws;
    }
}
