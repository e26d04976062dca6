using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Auth;
using IrsaPS.Core.Security;
using k8s;
using k8s.KubeConfigModels;

namespace IrsaPS.Core.Kubernetes;

// Turning a context into a connection: KubernetesClient reads the cluster (server, CA, tls-server-name, insecure) and
// the client certificate; IrsaPS sets the credential source (token, tokenFile, basic, exec plugin, in-process EKS token).
internal sealed partial class KubeConfig
{
    internal KubernetesConnection Connect(KubernetesConnectionOptions options)
    {
        if (SourceFiles.Count == 0)
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeConfigNotFound,
                IrsaErrorKind.NotFound,
                "No kubeconfig was found: -KubeConfig was not given, KUBECONFIG names no existing file, ~/.kube/config does not exist, "
                + "and this is not a pod in a cluster. Pass -KubeConfig, or create a kubeconfig (e.g. 'aws eks update-kubeconfig --name <cluster>').");
        }

        var available = Model.Contexts.Any() ? string.Join(", ", ContextNames.Order(StringComparer.Ordinal)) : "none";
        var name = options.Context ?? CurrentContext ?? throw new KubernetesConfigException(
            ErrorIds.KubeNoCurrentContext,
            IrsaErrorKind.InvalidArgument,
            $"The kubeconfig ({Describe()}) sets no current-context. Pass -KubeContext (available contexts: {available}) or run 'kubectl config use-context <name>'.");
        var context = FindContext(name) ?? throw (options.Context is not null
            ? new IrsaValidationException(ErrorIds.KubeContextNotFound, $"The kubeconfig ({Describe()}) has no context '{name}'. Available contexts: {available}.", name)
            : new KubernetesConfigException(ErrorIds.KubeContextNotFound, IrsaErrorKind.InvalidData, $"The kubeconfig's current-context '{name}' does not exist ({Describe()}). Available contexts: {available}.", name));
        var details = context.ContextDetails ?? new ContextDetails();
        var cluster = Model.Clusters.FirstOrDefault(c => c.Name == details.Cluster) ?? throw new KubernetesConfigException(
            ErrorIds.KubeClusterNotFound, IrsaErrorKind.InvalidData, $"Context '{name}' names cluster '{details.Cluster}', which no kubeconfig file defines.", name);
        var user = details.User is null ? null : Model.Users.FirstOrDefault(u => u.Name == details.User) ?? throw new KubernetesConfigException(
            ErrorIds.KubeUserNotFound, IrsaErrorKind.InvalidData, $"Context '{name}' names user '{details.User}', which no kubeconfig file defines.", name);
        var endpoint = cluster.ClusterEndpoint;
        if (!Uri.TryCreate(endpoint.Server, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw new KubernetesConfigException(ErrorIds.KubeInvalidServerUrl, IrsaErrorKind.InvalidData, $"Cluster '{cluster.Name}' has no valid http(s) server URL ('{endpoint.Server}').", cluster.Name);
        }

        if (endpoint.SkipTlsVerify && (endpoint.CertificateAuthority ?? endpoint.CertificateAuthorityData) is not null)
        {
            throw Invalid(SourceFiles[0], $"cluster '{cluster.Name}' sets both a certificate authority and insecure-skip-tls-verify, which kubectl refuses too; remove one of them.");
        }

        // The library reads the cluster; the user (credentials) is IrsaPS's, so the library never runs an exec plugin itself.
        var configuration = KubernetesConnection.ForCluster(cluster.Name, endpoint, details.Namespace);
        var authentication = user is null ? "no credentials (the context names no user)" : SetCredentials(configuration, user, server, endpoint, options);
        var proxy = Extra("cluster", cluster.Name, "proxy-url");
        if (proxy is not null)
        {
            var proxyUri = Uri.TryCreate(proxy, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" or "socks5"
                ? parsed : throw Invalid(SourceFiles[0], $"cluster '{cluster.Name}' has a proxy-url that is not an http, https or socks5 URL.");
            KubernetesConnection.Chain(configuration, handler => handler.Proxy = new WebProxy(proxyUri));
        }

        return new KubernetesConnection(configuration, authentication)
        {
            ContextName = name,
            ClusterName = cluster.Name,
            UserName = user?.Name,
            SourceFiles = SourceFiles,
            ImpersonateUser = user?.UserCredentials.Impersonate,
            ImpersonateGroups = user?.UserCredentials.ImpersonateGroups?.ToList() ?? [],
            Warnings = endpoint.SkipTlsVerify
                ? [$"TLS verification is disabled for cluster '{cluster.Name}' (insecure-skip-tls-verify): anyone on the network path could impersonate the API server {server}."]
                : [],
        };
    }

    private string SetCredentials(KubernetesClientConfiguration configuration, User user, Uri server, ClusterEndpoint cluster, KubernetesConnectionOptions options)
    {
        var who = $"kubeconfig user '{user.Name}'";
        var credentials = user.UserCredentials;
        if (!string.IsNullOrEmpty(credentials.ClientCertificateData) || !string.IsNullOrEmpty(credentials.ClientCertificate)
            || !string.IsNullOrEmpty(credentials.ClientKeyData) || !string.IsNullOrEmpty(credentials.ClientKey))
        {
            if (string.IsNullOrEmpty(credentials.ClientCertificateData ?? credentials.ClientCertificate) != string.IsNullOrEmpty(credentials.ClientKeyData ?? credentials.ClientKey))
            {
                throw Invalid(SourceFiles[0], $"user '{user.Name}' has a client certificate without a client-key (or a key without a certificate); both are needed.");
            }

            configuration.ClientCertificateData = credentials.ClientCertificateData;
            configuration.ClientCertificateKeyData = credentials.ClientKeyData;
            configuration.ClientCertificateFilePath = credentials.ClientCertificate;
            configuration.ClientKeyFilePath = credentials.ClientKey;
            try
            {
                // The library reads the pair when a client is made: do it once here, so that a missing file or a key that
                // does not match fails before any request.
                using var probe = new k8s.Kubernetes(configuration);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new KubernetesConfigException(
                    ErrorIds.KubeCertificateUnreadable, IrsaErrorKind.InvalidData, $"The client certificate of {who} cannot be read: {SecretRedactor.Redact(ex.Message, 300)}", user.Name, ex);
            }
        }

        if (credentials.ExternalExecution is { } exec)
        {
            if (options.EksTokenSource is not null && EksExecCommand.TryParse(exec) is { } request)
            {
                configuration.TokenProvider = new EksTokenProvider(options.EksTokenSource, request, options.Clock);
                return $"EKS token for cluster '{request.ClusterName}' created by IrsaPS in place of '{ExecPluginTokenProvider.Describe(exec)}' ({who})";
            }

            var mode = _extras.TryGetValue("user:" + user.Name, out var body) && body.TryGetValue("exec", out var raw) && raw is IDictionary<object, object> map
                && map.TryGetValue("interactiveMode", out var value) ? value as string : null;
            if (mode == "Always")
            {
                // Refused before anything runs: IrsaPS never gives a plugin a terminal.
                throw new KubernetesConfigException(
                    ErrorIds.KubeExecPluginInteractive,
                    IrsaErrorKind.NotSupported,
                    $"The exec plugin '{ExecPluginTokenProvider.Describe(exec)}' of kubeconfig user '{user.Name}' needs a terminal (interactiveMode: Always), which IrsaPS never gives it. Use a plugin mode that can run unattended.",
                    user.Name);
            }

            var info = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["apiVersion"] = exec.ApiVersion,
                ["kind"] = "ExecCredential",
                ["spec"] = exec.ProvideClusterInfo
                    ? new Dictionary<string, object?> { ["interactive"] = false, ["cluster"] = new Dictionary<string, object?> { ["server"] = server.ToString(), ["certificate-authority-data"] = CertificateAuthorityData(cluster), ["tls-server-name"] = cluster.TlsServerName, ["insecure-skip-tls-verify"] = cluster.SkipTlsVerify } }
                    : new Dictionary<string, object?> { ["interactive"] = false },
            });
            var provider = new ExecPluginTokenProvider(exec, user.Name, info, options);
            configuration.TokenProvider = provider;
            KubernetesConnection.Chain(configuration, handler => handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => provider.Certificate!);
            return $"exec plugin '{ExecPluginTokenProvider.Describe(exec)}' ({who})";
        }

        if (credentials.AuthProvider is { } legacy)
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeAuthProviderNotSupported,
                IrsaErrorKind.NotSupported,
                $"Kubeconfig user '{user.Name}' uses the legacy auth-provider '{legacy.Name}', which kubectl itself removed in 1.26. "
                + "Switch the kubeconfig to an exec plugin (for EKS: 'aws eks update-kubeconfig --name <cluster>').",
                user.Name);
        }

        if (!string.IsNullOrEmpty(credentials.Token))
        {
            configuration.AccessToken = credentials.Token;
            return $"bearer token ({who})";
        }

        if (Extra("user", user.Name, "tokenFile") is { } tokenFile)
        {
            configuration.TokenProvider = RenewableTokenFile.Open(tokenFile);
            return $"bearer token from '{tokenFile}' ({who})";
        }

        if (!string.IsNullOrEmpty(credentials.UserName))
        {
            configuration.Username = credentials.UserName;
            configuration.Password = credentials.Password ?? string.Empty;
            return $"basic authentication as '{credentials.UserName}' ({who})";
        }

        return configuration.ClientCertificateData is not null || configuration.ClientCertificateFilePath is not null ? $"client certificate ({who})" : $"no credentials ({who} has none)";
    }

    private static string? CertificateAuthorityData(ClusterEndpoint cluster) =>
        cluster.CertificateAuthorityData ?? (cluster.CertificateAuthority is { } file && File.Exists(file) ? Convert.ToBase64String(File.ReadAllBytes(file)) : null);
}
