using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace IrsaPS.Core.Policy.PodIdentity;

/// <summary>
/// The EKS Pod Identity trust statement (EKS user guide, "Create IAM role with trust policy required by EKS Pod
/// Identity"): Allow, Principal <c>{"Service": "pods.eks.amazonaws.com"}</c>, Action <c>sts:AssumeRole</c> and
/// <c>sts:TagSession</c>, narrowed by conditions on the session tags EKS adds (<c>aws:RequestTag/eks-cluster-arn</c>,
/// <c>kubernetes-namespace</c>, <c>kubernetes-service-account</c>) and optionally <c>aws:SourceAccount</c>. Statements
/// IrsaPS writes carry a Sid starting with <see cref="SidPrefix"/>, so that undoing removes only what IrsaPS added.
/// </summary>
internal static class PodIdentityTrustPolicy
{
    public const string ServicePrincipal = "pods.eks.amazonaws.com";
    public const string AssumeRole = "sts:AssumeRole";
    public const string TagSession = "sts:TagSession";

    /// <summary>Every Sid IrsaPS gives a Pod Identity statement starts with this.</summary>
    public const string SidPrefix = "IrsaPSPodIdentity";

    public const string SourceAccountKey = "aws:SourceAccount";
    public const string SourceArnKey = "aws:SourceArn";
    public const string ClusterArnKey = "aws:RequestTag/" + ClusterArnTag;
    public const string ClusterNameKey = "aws:RequestTag/" + ClusterNameTag;
    public const string NamespaceKey = "aws:RequestTag/" + NamespaceTag;
    public const string ServiceAccountKey = "aws:RequestTag/" + ServiceAccountTag;

    // The six session tags EKS Pod Identity adds (EKS user guide, "Enable or disable session tags").
    public const string ClusterArnTag = "eks-cluster-arn";
    public const string ClusterNameTag = "eks-cluster-name";
    public const string NamespaceTag = "kubernetes-namespace";
    public const string ServiceAccountTag = "kubernetes-service-account";
    public const string PodNameTag = "kubernetes-pod-name";
    public const string PodUidTag = "kubernetes-pod-uid";

    /// <summary>The session tags in the order EKS documents them.</summary>
    public static IReadOnlyList<string> SessionTags { get; } = [ClusterArnTag, ClusterNameTag, NamespaceTag, ServiceAccountTag, PodNameTag, PodUidTag];

    /// <summary>
    /// The Sid of IrsaPS's statement for a target: <c>IrsaPSPodIdentity</c> + 12 hex digits of SHA-256 over cluster ARN,
    /// namespace and service account (scope ServiceAccount); <c>IrsaPSPodIdentityCluster</c> (Cluster);
    /// <c>IrsaPSPodIdentityAny</c> (Any); each with <c>Account</c> appended when it also pins aws:SourceAccount.
    /// </summary>
    public static string SidFor(PodIdentityTrustTarget target)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        var suffix = target.RequireSourceAccount ? "Account" : string.Empty;
        return target.Scope switch
        {
            PodIdentityTrustScope.Cluster => SidPrefix + "Cluster" + suffix,
            PodIdentityTrustScope.Any => SidPrefix + "Any" + suffix,
            _ => SidPrefix + Hash(target.ClusterArn + "\n" + target.Namespace + "\n" + target.ServiceAccount + "\n" + suffix),
        };
    }

    /// <summary>True when IrsaPS wrote the statement (its Sid starts with <see cref="SidPrefix"/>).</summary>
    public static bool IsIrsaPSStatement(PolicyStatement statement) =>
        statement?.Sid is { } sid && sid.StartsWith(SidPrefix, StringComparison.Ordinal);

    /// <summary>A new statement admitting exactly <paramref name="target"/>.</summary>
    public static PolicyStatement CreateStatement(PodIdentityTrustTarget target)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        var statement = new PolicyStatement(PolicyEffect.Allow)
        {
            Sid = SidFor(target),
            Principal = PolicyPrincipal.Of(PolicyPrincipal.Service, PolicyValueList.Of(ServicePrincipal)),
            Action = new PolicyValueList([new PolicyScalar(AssumeRole), new PolicyScalar(TagSession)], isArray: true),
        };
        var equals = new ConditionBlock("StringEquals");
        if (target.RequireSourceAccount)
        {
            equals.Entries.Add(new ConditionEntry(SourceAccountKey, PolicyValueList.Of(target.AccountId)));
        }

        if (target.Scope != PodIdentityTrustScope.Any)
        {
            equals.Entries.Add(new ConditionEntry(ClusterArnKey, PolicyValueList.Of(target.ClusterArn!)));
        }

        if (target.Scope == PodIdentityTrustScope.ServiceAccount)
        {
            equals.Entries.Add(new ConditionEntry(NamespaceKey, PolicyValueList.Of(target.Namespace!)));
            equals.Entries.Add(new ConditionEntry(ServiceAccountKey, PolicyValueList.Of(target.ServiceAccount!)));
        }

        if (equals.Entries.Count > 0)
        {
            statement.Condition = new PolicyCondition();
            statement.Condition.Blocks.Add(equals);
        }

        return statement;
    }

    /// <summary>A whole trust document with only the statement for <paramref name="target"/> (New-IrsaTrustPolicy -PodIdentity, New-IrsaRole -PodIdentity).</summary>
    public static PolicyDocument Build(PodIdentityTrustTarget target)
    {
        var document = new PolicyDocument();
        document.Statements.Add(CreateStatement(target));
        return document;
    }

    /// <summary>
    /// True when the statement has a positive condition that pins the account (<c>aws:SourceAccount</c>,
    /// <c>aws:SourceArn</c>) or the cluster (<c>aws:RequestTag/eks-cluster-arn</c> or <c>eks-cluster-name</c>) to literal
    /// values without wildcards: then only associations of that account or cluster can use it.
    /// </summary>
    public static bool PinsAccountOrCluster(PolicyStatement statement)
    {
        if (statement?.Condition is null)
        {
            return false;
        }

        foreach (var (block, entry) in statement.Condition.AllEntries())
        {
            var key = entry.Key;
            var pinningKey = string.Equals(key, SourceAccountKey, StringComparison.OrdinalIgnoreCase)
                || string.Equals(key, SourceArnKey, StringComparison.OrdinalIgnoreCase)
                || string.Equals(key, ClusterArnKey, StringComparison.OrdinalIgnoreCase)
                || string.Equals(key, ClusterNameKey, StringComparison.OrdinalIgnoreCase);
            if (!pinningKey || entry.Values.Count == 0)
            {
                continue;
            }

            var op = block.Operator;
            var positive = op is "StringEquals" or "StringLike" or "ArnEquals" or "ArnLike" or "StringEqualsIgnoreCase";
            if (!positive)
            {
                continue;
            }

            var like = op is "StringLike" or "ArnLike";
            var literal = true;
            foreach (var value in entry.Values)
            {
                if (value.Length == 0 || (like && (value.IndexOf('*') >= 0 || value.IndexOf('?') >= 0)))
                {
                    literal = false;
                }
            }

            if (literal)
            {
                return true;
            }
        }

        return false;
    }

    private static string Hash(string text)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var hex = new StringBuilder(12);
        for (var i = 0; i < 6; i++)
        {
            hex.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
