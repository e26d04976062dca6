using System;
using System.IO;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Auth;
using IrsaPS.Core.Kubernetes.Transport;

namespace IrsaPS.Core.Kubernetes.Config;

/// <summary>
/// The connection of a process running in a pod: <c>https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT</c>,
/// the CA in <c>ca.crt</c>, the (rotating) token in <c>token</c> and the namespace in <c>namespace</c> of the
/// service account directory, as client-go's InClusterConfig.
/// </summary>
internal static class InClusterConnectionBuilder
{
    public static bool IsAvailable(KubeEnvironment environment) =>
        !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_PORT"))
        && File.Exists(Path.Combine(environment.ServiceAccountDirectory, "token"));

    public static KubernetesConnection Build(KubernetesConnectionOptions options)
    {
        var environment = options.Environment;
        var host = environment.GetVariable("KUBERNETES_SERVICE_HOST");
        var port = environment.GetVariable("KUBERNETES_SERVICE_PORT");
        var directory = environment.ServiceAccountDirectory;
        var tokenPath = Path.Combine(directory, "token");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port) || !File.Exists(tokenPath))
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeInClusterUnavailable,
                IrsaErrorKind.NotFound,
                $"Not running inside a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set and '{tokenPath}' must exist. "
                + "Outside a cluster, use a kubeconfig (-KubeConfig or KUBECONFIG).");
        }

        var server = ServerUrl.Parse($"https://{(host!.IndexOf(':') >= 0 ? "[" + host + "]" : host)}:{port}", "the in-cluster environment");
        var caPath = Path.Combine(directory, "ca.crt");
        var tls = KubernetesTlsSettings.SystemTrust;
        if (File.Exists(caPath))
        {
            byte[] ca;
            try
            {
                ca = File.ReadAllBytes(caPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new KubernetesConfigException(ErrorIds.KubeCertificateUnreadable, IrsaErrorKind.InvalidData, $"The file '{caPath}' cannot be read: {ex.Message}", caPath, ex);
            }

            tls = new KubernetesTlsSettings
            {
                CertificateAuthorities = PemCertificates.ReadCertificates(ca, $"'{caPath}'"),
                CertificateAuthorityOrigin = $"'{caPath}'",
            };
        }

        var namespacePath = Path.Combine(directory, "namespace");
        var ns = File.Exists(namespacePath) ? File.ReadAllText(namespacePath).Trim() : string.Empty;
        var credentials = new TokenFileCredentialProvider(tokenPath, options.Clock, $"in-cluster service account token '{tokenPath}'");
        return new KubernetesConnection(server, ns.Length == 0 ? "default" : ns, credentials, tls);
    }
}
