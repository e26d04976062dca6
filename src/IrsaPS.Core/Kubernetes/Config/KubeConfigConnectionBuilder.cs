using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Auth;
using IrsaPS.Core.Kubernetes.Transport;

namespace IrsaPS.Core.Kubernetes.Config;

/// <summary>
/// Turns a merged kubeconfig and a context name into a <see cref="KubernetesConnection"/>: the context's cluster
/// (server, CA, TLS options, proxy) and user (exec plugin, else token, else tokenFile, else basic; plus a client
/// certificate). Files are read here, so an unreadable certificate or token file fails before any request.
/// </summary>
internal static class KubeConfigConnectionBuilder
{
    public static KubernetesConnection Build(KubeConfig config, KubernetesConnectionOptions options)
    {
        if (config.SourceFiles.Count == 0 && config.Contexts.Count == 0)
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeConfigNotFound,
                IrsaErrorKind.NotFound,
                "No kubeconfig was found: -KubeConfig was not given, KUBECONFIG names no existing file, ~/.kube/config does not exist, "
                + "and this is not a pod in a cluster. Pass -KubeConfig, or create a kubeconfig (e.g. 'aws eks update-kubeconfig --name <cluster>').");
        }

        var context = SelectContext(config, options.Context);
        var cluster = SelectCluster(config, context);
        var user = SelectUser(config, context);

        var server = ServerUrl.Parse(cluster.Server, $"cluster '{cluster.Name}' in '{cluster.SourceFile}'");
        var caData = ReadCertificateAuthority(cluster);
        if (cluster.InsecureSkipTlsVerify && caData is not null)
        {
            throw Invalid(cluster.SourceFile, $"cluster '{cluster.Name}' sets both a certificate authority and insecure-skip-tls-verify, which kubectl refuses too; remove one of them.");
        }

        var warnings = new List<string>();
        if (cluster.InsecureSkipTlsVerify)
        {
            warnings.Add($"TLS verification is disabled for cluster '{cluster.Name}' (insecure-skip-tls-verify): anyone on the network path could impersonate the API server {server}.");
        }

        var tls = new KubernetesTlsSettings
        {
            CertificateAuthorities = caData is null ? [] : PemCertificates.ReadCertificates(caData, CaOrigin(cluster)),
            CertificateAuthorityOrigin = CaOrigin(cluster),
            InsecureSkipVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
        };

        var clusterInfo = new ExecClusterInfo(server.ToString(), caData, cluster.TlsServerName, cluster.InsecureSkipTlsVerify, cluster.ProxyUrl);
        var credentials = user is null
            ? new StaticCredentialProvider(KubernetesCredential.Anonymous, "no credentials (the context names no user)")
            : SelectCredentials(user, clusterInfo, options);

        return new KubernetesConnection(server, context.Namespace ?? "default", credentials, tls)
        {
            ContextName = context.Name,
            ClusterName = cluster.Name,
            UserName = user?.Name,
            Warnings = warnings,
            SourceFiles = config.SourceFiles,
            ClientCertificate = user is null ? null : ReadClientCertificate(user),
            Proxy = ParseProxy(cluster),
            ImpersonateUser = user?.Impersonate,
            ImpersonateGroups = user?.ImpersonateGroups ?? [],
        };
    }

    private static KubeConfigContext SelectContext(KubeConfig config, string? requested)
    {
        var available = config.Contexts.Count == 0 ? "none" : string.Join(", ", config.Contexts.Keys.OrderBy(k => k, StringComparer.Ordinal));
        if (!string.IsNullOrEmpty(requested))
        {
            if (config.Contexts.TryGetValue(requested!, out var named))
            {
                return named;
            }

            throw new IrsaValidationException(
                ErrorIds.KubeContextNotFound,
                $"The kubeconfig ({config.Describe()}) has no context '{requested}'. Available contexts: {available}.",
                requested);
        }

        if (string.IsNullOrEmpty(config.CurrentContext))
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeNoCurrentContext,
                IrsaErrorKind.InvalidArgument,
                $"The kubeconfig ({config.Describe()}) sets no current-context. Pass -KubeContext (available contexts: {available}) or run 'kubectl config use-context <name>'.");
        }

        if (config.Contexts.TryGetValue(config.CurrentContext!, out var current))
        {
            return current;
        }

        throw new KubernetesConfigException(
            ErrorIds.KubeContextNotFound,
            IrsaErrorKind.InvalidData,
            $"The kubeconfig's current-context '{config.CurrentContext}' does not exist ({config.Describe()}). Available contexts: {available}.",
            config.CurrentContext);
    }

    private static KubeConfigCluster SelectCluster(KubeConfig config, KubeConfigContext context)
    {
        if (context.Cluster is not null && config.Clusters.TryGetValue(context.Cluster, out var cluster))
        {
            return cluster;
        }

        throw new KubernetesConfigException(
            ErrorIds.KubeClusterNotFound,
            IrsaErrorKind.InvalidData,
            context.Cluster is null
                ? $"Context '{context.Name}' in '{context.SourceFile}' names no cluster."
                : $"Context '{context.Name}' in '{context.SourceFile}' names cluster '{context.Cluster}', which no kubeconfig file defines.",
            context.Name);
    }

    private static KubeConfigUser? SelectUser(KubeConfig config, KubeConfigContext context)
    {
        if (context.User is null)
        {
            return null;
        }

        if (config.Users.TryGetValue(context.User, out var user))
        {
            return user;
        }

        throw new KubernetesConfigException(
            ErrorIds.KubeUserNotFound,
            IrsaErrorKind.InvalidData,
            $"Context '{context.Name}' in '{context.SourceFile}' names user '{context.User}', which no kubeconfig file defines.",
            context.Name);
    }

    private static IKubernetesCredentialProvider SelectCredentials(KubeConfigUser user, ExecClusterInfo cluster, KubernetesConnectionOptions options)
    {
        var who = $"kubeconfig user '{user.Name}'";
        if (user.Exec is { } exec)
        {
            if (options.EksTokenSource is not null && EksExecCommand.TryParse(exec) is { } request)
            {
                return new EksTokenCredentialProvider(
                    options.EksTokenSource,
                    request,
                    options.Clock,
                    $"EKS token for cluster '{request.ClusterName}' created by IrsaPS in place of '{exec.Describe()}' ({who})");
            }

            return new ExecCredentialProvider(exec, user.Name, cluster, options.ExecCredentialCache, options.Clock, options.ExecTimeout);
        }

        if (user.AuthProviderName is not null)
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeAuthProviderNotSupported,
                IrsaErrorKind.NotSupported,
                $"{Capitalized(who)} uses the legacy auth-provider '{user.AuthProviderName}', which kubectl itself removed in 1.26. "
                + "Switch the kubeconfig to an exec plugin (for EKS: 'aws eks update-kubeconfig --name <cluster>').",
                user.Name);
        }

        if (user.HasToken)
        {
            return new StaticCredentialProvider(new KubernetesCredential { BearerToken = user.Token }, $"bearer token ({who})");
        }

        if (user.TokenFile is not null)
        {
            return new TokenFileCredentialProvider(user.TokenFile, options.Clock, $"bearer token from '{user.TokenFile}' ({who})");
        }

        if (user.Username is not null)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(user.Username + ":" + (user.Password ?? string.Empty)));
            return new StaticCredentialProvider(new KubernetesCredential { BasicAuth = basic }, $"basic authentication as '{user.Username}' ({who})");
        }

        var hasCertificate = user.ClientCertificateData is not null || user.ClientCertificateFile is not null;
        return new StaticCredentialProvider(KubernetesCredential.Anonymous, hasCertificate ? $"client certificate ({who})" : $"no credentials ({who} has none)");
    }

    private static byte[]? ReadCertificateAuthority(KubeConfigCluster cluster)
    {
        if (cluster.CertificateAuthorityData is not null)
        {
            return cluster.CertificateAuthorityData;
        }

        return cluster.CertificateAuthorityFile is null ? null : ReadFile(cluster.CertificateAuthorityFile, $"the certificate-authority of cluster '{cluster.Name}'");
    }

    private static X509Certificate2? ReadClientCertificate(KubeConfigUser user)
    {
        var hasCertificate = user.ClientCertificateData is not null || user.ClientCertificateFile is not null;
        var hasKey = user.ClientKeyData is not null || user.ClientKeyFile is not null;
        if (!hasCertificate && !hasKey)
        {
            return null;
        }

        if (hasCertificate != hasKey)
        {
            throw Invalid(user.SourceFile, $"user '{user.Name}' has a client {(hasCertificate ? "certificate without a client-key" : "key without a client-certificate")}; both are needed.");
        }

        var origin = $"kubeconfig user '{user.Name}'";
        var certificate = user.ClientCertificateData ?? ReadFile(user.ClientCertificateFile!, $"the client-certificate of {origin}");
        var key = user.ClientKeyData ?? ReadFile(user.ClientKeyFile!, $"the client-key of {origin}");
        return PemCertificates.CreateClientCertificate(Encoding.ASCII.GetString(certificate), Encoding.ASCII.GetString(key), origin);
    }

    private static Uri? ParseProxy(KubeConfigCluster cluster)
    {
        if (cluster.ProxyUrl is null)
        {
            return null;
        }

        if (Uri.TryCreate(cluster.ProxyUrl, UriKind.Absolute, out var proxy)
            && (proxy.Scheme == Uri.UriSchemeHttp || proxy.Scheme == Uri.UriSchemeHttps || proxy.Scheme == "socks5"))
        {
            return proxy;
        }

        throw Invalid(cluster.SourceFile, $"cluster '{cluster.Name}' has a proxy-url that is not an http, https or socks5 URL.");
    }

    private static byte[] ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeCertificateUnreadable,
                IrsaErrorKind.InvalidData,
                $"The file '{path}' ({what}) cannot be read: {ex.Message}",
                path,
                ex);
        }
    }

    private static string CaOrigin(KubeConfigCluster cluster) =>
        cluster.CertificateAuthorityData is not null
            ? $"certificate-authority-data of cluster '{cluster.Name}'"
            : $"certificate-authority '{cluster.CertificateAuthorityFile}' of cluster '{cluster.Name}'";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static KubernetesConfigException Invalid(string path, string problem) =>
        new(ErrorIds.KubeConfigInvalid, IrsaErrorKind.InvalidData, $"The kubeconfig file '{path}' is not valid: {problem}", path);
}
