using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy.PodIdentity;

/// <summary>
/// The <c>sts:AssumeRole</c> (with <c>sts:TagSession</c>) request EKS Pod Identity makes for one association, as the
/// role's trust policy sees it: principal <c>pods.eks.amazonaws.com</c>; with session tags (the default) the context has
/// <c>aws:RequestTag/eks-cluster-arn</c>, <c>eks-cluster-name</c>, <c>kubernetes-namespace</c>,
/// <c>kubernetes-service-account</c> and <c>aws:TagKeys</c>; the pod name and uid tags are there too but their values are
/// only known per pod, so a condition on them cannot be decided here. <c>aws:SourceAccount</c> is taken to be the
/// cluster's account; <c>aws:SourceArn</c> is not documented for Pod Identity and is treated as unknown.
/// </summary>
internal sealed class PodIdentityRequest
{
    private static readonly string[] UnknownValue = ["${unknown}"];

    private readonly Dictionary<string, string[]> _context = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unknown = new(StringComparer.OrdinalIgnoreCase);

    public PodIdentityRequest(string accountId, string clusterArn, string @namespace, string serviceAccount, bool sessionTags = true)
    {
        AccountId = Validation.AccountId.Validate(accountId);
        ClusterArn = clusterArn;
        ClusterName = PodIdentityTrustTarget.ParseClusterArn(clusterArn);
        Namespace = @namespace;
        ServiceAccount = serviceAccount;
        SessionTags = sessionTags;
        _context[PodIdentityTrustPolicy.SourceAccountKey] = [AccountId];
        _context["aws:PrincipalServiceName"] = [PodIdentityTrustPolicy.ServicePrincipal];
        _unknown.Add(PodIdentityTrustPolicy.SourceArnKey);
        if (sessionTags)
        {
            _context[PodIdentityTrustPolicy.ClusterArnKey] = [clusterArn];
            _context[PodIdentityTrustPolicy.ClusterNameKey] = [ClusterName];
            _context[PodIdentityTrustPolicy.NamespaceKey] = [@namespace];
            _context[PodIdentityTrustPolicy.ServiceAccountKey] = [serviceAccount];
            _context["aws:TagKeys"] = [.. PodIdentityTrustPolicy.SessionTags];
            _unknown.Add("aws:RequestTag/" + PodIdentityTrustPolicy.PodNameTag);
            _unknown.Add("aws:RequestTag/" + PodIdentityTrustPolicy.PodUidTag);
        }
    }

    public string AccountId { get; }

    public string ClusterArn { get; }

    public string ClusterName { get; }

    public string Namespace { get; }

    public string ServiceAccount { get; }

    /// <summary>False when the association disables session tags: no aws:RequestTag keys at all.</summary>
    public bool SessionTags { get; }

    /// <summary>True for keys the request has but whose value cannot be known offline.</summary>
    public bool IsUnknown(string key) => _unknown.Contains(key);

    /// <summary>The values of a context key, or null when the request does not have it (unknown keys answer a placeholder).</summary>
    public IReadOnlyList<string>? Lookup(string key) =>
        _context.TryGetValue(key, out var values) ? values : _unknown.Contains(key) ? UnknownValue : null;

    public override string ToString() => $"{PodIdentityTrustPolicy.AssumeRole} by {PodIdentityTrustPolicy.ServicePrincipal} for {Namespace}/{ServiceAccount} of {ClusterArn}";
}
