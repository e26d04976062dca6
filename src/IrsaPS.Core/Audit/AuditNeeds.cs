using System;

namespace IrsaPS.Core.Audit;

/// <summary>What a check reads; the gatherer fetches the union of the selected checks' needs and nothing else.</summary>
[Flags]
internal enum AuditNeeds
{
    None = 0,

    /// <summary>Every role with its trust policy (ListRoles, every page).</summary>
    Roles = 1,

    /// <summary>The account's OIDC providers (ListOpenIDConnectProviders).</summary>
    OidcProviders = 2,

    /// <summary>The audited cluster's provider's client ids (one GetOpenIDConnectProvider).</summary>
    ProviderClientIds = 4,

    /// <summary>Every service account of the cluster.</summary>
    ServiceAccounts = 8,

    /// <summary>Every pod of the cluster (streamed; only those of IRSA service accounts are kept).</summary>
    Pods = 16,

    /// <summary>Every role's permissions boundary (roles read with GetAccountAuthorizationDetails instead of ListRoles).</summary>
    PermissionsBoundaries = 32,

    /// <summary>Every role's attached and inline policies and the customer-managed policies' documents (GetAccountAuthorizationDetails).</summary>
    RolePolicies = 64,

    /// <summary>The other EKS clusters of the region (ListClusters + DescribeCluster), when a trust names an issuer of that region.</summary>
    OtherClusters = 128,

    /// <summary>
    /// The nodes that run IRSA pods off the host network (every node page) and their EC2 instances' metadata options
    /// (DescribeInstances, 200 instance ids per call); read only when such pods exist.
    /// </summary>
    NodeInstances = 256,

    /// <summary>
    /// EKS Pod Identity: the cluster's associations (ceil(n / 100) ListPodIdentityAssociations, one Describe each at
    /// bounded concurrency), the credential environment of the pods of annotated or associated service accounts (read in
    /// the same pod stream), the eks-pod-identity-agent DaemonSet, its pods and the nodes.
    /// </summary>
    PodIdentity = 4096,

    /// <summary>Every role's RoleLastUsed (date and region): roles read with GetAccountAuthorizationDetails instead of ListRoles.</summary>
    RoleLastUsed = 1 << 20,

    /// <summary>
    /// The AssumeRoleWithWebIdentity events of the cluster's IRSA roles in the activity window, from CloudTrail LookupEvents in
    /// the audit's region (2 calls per second; ceil(events / 50) calls).
    /// </summary>
    CloudTrailActivity = 1 << 21,

    All = Roles | OidcProviders | ProviderClientIds | ServiceAccounts | Pods | PermissionsBoundaries | RolePolicies | OtherClusters | NodeInstances | PodIdentity | RoleLastUsed | CloudTrailActivity,
}
