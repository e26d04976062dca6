namespace IrsaPS.Core.Policy.PodIdentity;

/// <summary>
/// How narrowly the statement IrsaPS adds for EKS Pod Identity admits the <c>pods.eks.amazonaws.com</c> service, by the
/// session tags EKS puts on the role session (<c>aws:RequestTag/...</c>, see the EKS user guide, "Create IAM role with
/// trust policy required by EKS Pod Identity" and "Enable or disable session tags").
/// </summary>
public enum PodIdentityTrustScope
{
    /// <summary>
    /// Only this cluster's association for this namespace and service account: <c>eks-cluster-arn</c>,
    /// <c>kubernetes-namespace</c> and <c>kubernetes-service-account</c> (one statement per service account). The default.
    /// </summary>
    ServiceAccount = 0,

    /// <summary>Any association of the cluster: <c>aws:RequestTag/eks-cluster-arn</c> (one statement lists the clusters).</summary>
    Cluster = 1,

    /// <summary>
    /// No session-tag condition: every association in any cluster that names the role (the AWS documentation's minimal
    /// statement). Audit check IRSA019 reports it unless the account is pinned (<c>aws:SourceAccount</c>).
    /// </summary>
    Any = 2,
}
