using System;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy.PodIdentity;

/// <summary>
/// What a Pod Identity trust statement must admit: the account (and partition) of the role, the cluster (ARN), the
/// namespace and service account of the association, the scope of the statement IrsaPS writes, and whether it also pins
/// <c>aws:SourceAccount</c>. Validated on construction; <see cref="Sid"/> names the statement IrsaPS writes for it.
/// </summary>
internal sealed record PodIdentityTrustTarget
{
    public PodIdentityTrustTarget(
        string partition,
        string accountId,
        string? clusterArn,
        string? @namespace,
        string? serviceAccount,
        PodIdentityTrustScope scope = PodIdentityTrustScope.ServiceAccount,
        bool requireSourceAccount = false)
    {
        Partition = AwsPartition.Validate(partition);
        AccountId = Validation.AccountId.Validate(accountId);
        Scope = scope;
        RequireSourceAccount = requireSourceAccount;
        if (clusterArn is not null)
        {
            ClusterName = ParseClusterArn(clusterArn);
            ClusterArn = clusterArn;
        }

        Namespace = @namespace is null ? null : KubernetesNames.ValidateNamespace(@namespace);
        ServiceAccount = serviceAccount is null ? null : KubernetesNames.ValidateServiceAccountName(serviceAccount);
        if (scope != PodIdentityTrustScope.Any && ClusterArn is null)
        {
            throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, $"A Pod Identity trust scoped to the {scope.ToString().ToLowerInvariant()} needs the cluster (-ClusterName).");
        }

        if (scope == PodIdentityTrustScope.ServiceAccount && (Namespace is null || ServiceAccount is null))
        {
            throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "A Pod Identity trust scoped to the service account needs -Namespace and -ServiceAccountName (or -TrustScope Cluster).");
        }
    }

    public string Partition { get; }

    public string AccountId { get; }

    /// <summary><c>arn:&lt;partition&gt;:eks:&lt;region&gt;:&lt;account&gt;:cluster/&lt;name&gt;</c>; null for <see cref="PodIdentityTrustScope.Any"/> without a cluster.</summary>
    public string? ClusterArn { get; }

    public string? ClusterName { get; }

    public string? Namespace { get; }

    public string? ServiceAccount { get; }

    public PodIdentityTrustScope Scope { get; }

    public bool RequireSourceAccount { get; }

    /// <summary>The Sid of the statement IrsaPS writes for this target (see <see cref="PodIdentityTrustPolicy.SidFor"/>).</summary>
    public string Sid => PodIdentityTrustPolicy.SidFor(this);

    /// <summary>What the statement admits, for messages: <c>web/app of cluster 'demo'</c>, <c>any service account of cluster 'demo'</c>.</summary>
    public string Describe() => Scope switch
    {
        PodIdentityTrustScope.ServiceAccount => $"{Namespace}/{ServiceAccount} of cluster '{ClusterName}'",
        PodIdentityTrustScope.Cluster => $"any service account of cluster '{ClusterName}'",
        _ => RequireSourceAccount ? $"any cluster of account {AccountId}" : "any cluster in any account",
    };

    /// <summary>The cluster name of an EKS cluster ARN; throws InvalidArn otherwise.</summary>
    public static string ParseClusterArn(string clusterArn)
    {
        var arn = Arn.Parse(clusterArn);
        const string Prefix = "cluster/";
        if (arn.Service != "eks" || arn.Region.Length == 0 || !Validation.AccountId.IsValid(arn.Account)
            || !arn.Resource.StartsWith(Prefix, StringComparison.Ordinal) || !EksNames.IsClusterName(arn.Resource.Substring(Prefix.Length)))
        {
            throw new IrsaValidationException(ErrorIds.InvalidArn, $"'{clusterArn}' is not an EKS cluster ARN: expected arn:<partition>:eks:<region>:<account>:cluster/<name>.", clusterArn);
        }

        return arn.Resource.Substring(Prefix.Length);
    }
}
