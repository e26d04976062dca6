using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// Mints an Amazon EKS bearer token (what <c>aws eks get-token</c> prints) with IrsaPS's own AWS connection,
/// so a kubeconfig whose exec plugin is <c>aws eks get-token</c> or <c>aws-iam-authenticator token</c> works
/// without the aws CLI, and an EKS cluster can be reached with no kubeconfig at all.
/// The AWS side implements it (presigned STS GetCallerIdentity with <c>x-k8s-aws-id</c>).
/// </summary>
internal interface IEksTokenSource
{
    /// <summary>
    /// A fresh token for <see cref="EksTokenRequest.ClusterName"/>. Throwing an <see cref="Errors.IrsaException"/> passes it
    /// through unchanged; any other exception becomes <c>KubeEksTokenFailed</c>.
    /// </summary>
    Task<KubernetesBearerToken> GetTokenAsync(EksTokenRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// What an EKS token is for. <see cref="ClusterName"/> is the value of the <c>x-k8s-aws-id</c> header: the cluster
/// name, or the cluster id for an EKS local cluster on Outposts (<c>--cluster-id</c>).
/// <see cref="Region"/> and <see cref="ProfileName"/> are what the kubeconfig's exec plugin named (<c>--region</c>,
/// <c>--profile</c> or <c>AWS_PROFILE</c>); null means "use the AWS connection's own".
/// </summary>
internal sealed record EksTokenRequest(string ClusterName, string? Region = null, string? ProfileName = null);
