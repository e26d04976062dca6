using System;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Auth;
using IrsaPS.Core.Kubernetes.Transport;

namespace IrsaPS.Core.Kubernetes.Config;

/// <summary>An EKS cluster reached without a kubeconfig: DescribeCluster's endpoint and CA, tokens from an <see cref="IEksTokenSource"/>.</summary>
internal static class EksConnectionBuilder
{
    public static KubernetesConnection Build(EksClusterEndpoint cluster, IEksTokenSource tokenSource, KubernetesConnectionOptions options)
    {
        if (string.IsNullOrWhiteSpace(cluster.ClusterName))
        {
            throw new IrsaValidationException(ErrorIds.InvalidClusterName, "The EKS cluster name is empty.");
        }

        var origin = $"EKS cluster '{cluster.ClusterName}'";
        var server = ServerUrl.Parse(cluster.Endpoint, origin);
        byte[] ca;
        try
        {
            ca = Convert.FromBase64String(cluster.CertificateAuthorityData ?? string.Empty);
        }
        catch (FormatException ex)
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeCertificateUnreadable,
                IrsaErrorKind.InvalidData,
                $"The certificate authority data of {origin} is not valid base64.",
                cluster.ClusterName,
                ex);
        }

        var tls = new KubernetesTlsSettings
        {
            CertificateAuthorities = PemCertificates.ReadCertificates(ca, $"the certificate authority of {origin}"),
            CertificateAuthorityOrigin = $"the certificate authority of {origin} (DescribeCluster)",
        };
        var request = new EksTokenRequest(cluster.ClusterName, cluster.Region);
        var credentials = new EksTokenCredentialProvider(tokenSource, request, options.Clock, $"EKS token for cluster '{cluster.ClusterName}' created by IrsaPS");
        return new KubernetesConnection(server, "default", credentials, tls) { ClusterName = cluster.ClusterName };
    }
}
