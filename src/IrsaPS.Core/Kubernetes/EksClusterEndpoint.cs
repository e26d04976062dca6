namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// What EKS DescribeCluster says about reaching a cluster's API server: <c>cluster.endpoint</c> and
/// <c>cluster.certificateAuthority.data</c> (base64 of the PEM CA). With an <see cref="IEksTokenSource"/> this is
/// a whole connection: no kubeconfig needed.
/// </summary>
internal sealed record EksClusterEndpoint(string ClusterName, string Endpoint, string CertificateAuthorityData, string? Region = null);
