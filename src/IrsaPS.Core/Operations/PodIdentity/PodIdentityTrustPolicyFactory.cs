using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.PodIdentity;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>
/// New-IrsaTrustPolicy -PodIdentity, offline: the trust document that lets EKS Pod Identity assume a role for the given
/// service accounts of a cluster (or, with scope Cluster or Any, any of its / any association), checked against the size
/// quota, without calling AWS. Account and partition come from the cluster ARN unless given.
/// </summary>
internal static class PodIdentityTrustPolicyFactory
{
    public static Models.IrsaTrustPolicy Build(
        string? clusterArn,
        string? accountId,
        string? partition,
        IReadOnlyList<ServiceAccountRef> serviceAccounts,
        PodIdentityRoleOptions options,
        int sizeLimit = TrustPolicySize.DefaultLimit)
    {
        TrustPolicySize.ValidateLimit(sizeLimit);
        Arn? cluster = null;
        if (clusterArn is not null)
        {
            PodIdentityTrustTarget.ParseClusterArn(clusterArn);
            cluster = Arn.Parse(clusterArn);
        }

        var account = accountId ?? cluster?.Account
            ?? throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Give -AccountId (or -ClusterArn, whose account is used).");
        var effectivePartition = partition ?? cluster?.Partition ?? AwsPartition.Aws;
        if (cluster is not null && (cluster.Account != AccountId.Validate(account) || cluster.Partition != AwsPartition.Validate(effectivePartition)))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                $"Cluster {clusterArn} is in account {cluster.Account} ({cluster.Partition}); EKS Pod Identity associations use roles of the cluster's own account, so the role's account must be the same.",
                clusterArn);
        }

        if (options.Scope == PodIdentityTrustScope.ServiceAccount && serviceAccounts.Count == 0)
        {
            throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Name the service account(s) (-Namespace and -ServiceAccountName), or use -TrustScope Cluster or Any.");
        }

        var targets = options.Scope == PodIdentityTrustScope.ServiceAccount
            ? serviceAccounts.Select(sa => new PodIdentityTrustTarget(effectivePartition, account, clusterArn, sa.Namespace, sa.Name, options.Scope, options.RequireSourceAccount)).ToList()
            : [new PodIdentityTrustTarget(effectivePartition, account, clusterArn, null, null, options.Scope, options.RequireSourceAccount)];
        var document = new PolicyDocument();
        foreach (var target in targets.Distinct())
        {
            document.Statements.Add(PodIdentityTrustPolicy.CreateStatement(target));
        }

        TrustPolicySize.EnsureWithinLimit(document, sizeLimit);
        var compact = document.ToJson();
        return new Models.IrsaTrustPolicy
        {
            Json = document.ToIndentedJson(),
            CompactJson = compact,
            Size = TrustPolicySize.Measure(compact),
            SizeLimit = sizeLimit,
            Subjects = [],
        };
    }
}
