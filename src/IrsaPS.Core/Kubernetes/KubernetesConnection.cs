using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Auth;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// A resolved way to reach one API server: KubernetesClient's <see cref="KubernetesClientConfiguration"/> (server, CA,
/// TLS options, credentials) plus what IrsaPS says about it in messages. Build it from a kubeconfig
/// (<see cref="FromKubeConfig(KubernetesConnectionOptions?)"/>, which falls back to in-cluster), from inside a pod
/// (<see cref="InCluster"/>), or straight from an EKS cluster (<see cref="ForEksCluster"/>). Every input problem is
/// reported here, before any request is sent. Holds no network resources; <see cref="KubernetesClient"/> does.
/// </summary>
internal sealed class KubernetesConnection
{
    internal KubernetesConnection(KubernetesClientConfiguration configuration, string authentication)
    {
        Configuration = configuration;
        Server = new Uri(configuration.Host);
        Authentication = authentication;
        configuration.HttpClientTimeout = System.Threading.Timeout.InfiniteTimeSpan; // IrsaPS's retry handler bounds every request
        if (!configuration.SkipTlsVerify && Server.Scheme == Uri.UriSchemeHttps)
        {
            // The library trusts a kubeconfig CA without checking the certificate's name; IrsaPS checks both.
            var authorities = configuration.SslCaCerts;
            configuration.SslCaCerts = null;
            Chain(configuration, handler => handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Verify(certificate, errors, authorities));
        }
    }

    /// <summary>Why the last TLS handshake rejected the server's certificate (for the error message).</summary>
    internal string? TlsFailure { get; private set; }

    /// <summary>The API server's base URL (kubeconfig <c>server</c>).</summary>
    public Uri Server { get; }

    /// <summary>The namespace to use when none is given: the context's, else <c>default</c>.</summary>
    public string Namespace => string.IsNullOrEmpty(Configuration.Namespace) ? "default" : Configuration.Namespace;

    /// <summary>The kubeconfig context, when the connection came from one.</summary>
    public string? ContextName { get; init; }

    /// <summary>The kubeconfig cluster entry or the EKS cluster name.</summary>
    public string? ClusterName { get; init; }

    /// <summary>The kubeconfig user entry, when there was one.</summary>
    public string? UserName { get; init; }

    /// <summary>How requests authenticate, in words ("bearer token (kubeconfig user 'admin')", "exec plugin 'aws ...'").</summary>
    public string Authentication { get; }

    /// <summary>Things the user should be told (e.g. TLS verification disabled). The cmdlets write them as warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The kubeconfig files the settings came from (empty in-cluster and for EKS connections).</summary>
    public IReadOnlyList<string> SourceFiles { get; init; } = [];

    /// <summary>How the connection is named in messages: <c>context 'x' (https://...)</c> or the server URL.</summary>
    public string DisplayName => ContextName is null ? Server.ToString() : $"context '{ContextName}' ({Server})";

    internal KubernetesClientConfiguration Configuration { get; }

    /// <summary>The credential source that can be asked for a fresh credential after a 401 (exec plugin, token file, EKS token).</summary>
    internal IRenewableTokenProvider? Renewable => Configuration.TokenProvider as IRenewableTokenProvider;

    /// <summary><c>as</c> / <c>as-groups</c> of the kubeconfig user: sent as Impersonate-User / Impersonate-Group.</summary>
    internal string? ImpersonateUser { get; init; }

    internal IReadOnlyList<string> ImpersonateGroups { get; init; } = [];

    /// <summary>
    /// The connection kubectl would use: <c>-KubeConfig</c>, else <c>KUBECONFIG</c>, else <c>~/.kube/config</c>, else
    /// the pod's service account when running in a cluster; the context from <c>-KubeContext</c> or <c>current-context</c>.
    /// </summary>
    public static KubernetesConnection FromKubeConfig(KubernetesConnectionOptions? options = null)
    {
        options ??= new KubernetesConnectionOptions();
        var config = KubeConfig.Load(options.KubeConfigPath, options.Environment);
        if (config.SourceFiles.Count == 0 && File.Exists(Path.Combine(options.Environment.ServiceAccountDirectory, "token"))
            && !string.IsNullOrEmpty(options.Environment.GetVariable("KUBERNETES_SERVICE_HOST")))
        {
            return InCluster(options);
        }

        return config.Connect(options);
    }

    /// <summary>A connection for an already loaded (possibly merged) kubeconfig.</summary>
    public static KubernetesConnection FromKubeConfig(KubeConfig config, KubernetesConnectionOptions? options = null) =>
        (config ?? throw new ArgumentNullException(nameof(config))).Connect(options ?? new KubernetesConnectionOptions());

    /// <summary>The pod's own service account, as client-go's InClusterConfig: token and CA from the service account directory, server from KUBERNETES_SERVICE_HOST/PORT.</summary>
    public static KubernetesConnection InCluster(KubernetesConnectionOptions? options = null)
    {
        var environment = (options ?? new KubernetesConnectionOptions()).Environment;
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

        var caPath = Path.Combine(directory, "ca.crt");
        var namespacePath = Path.Combine(directory, "namespace");
        var server = $"https://{(host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host)}:{port}";
        var configuration = ForCluster("in-cluster", new ClusterEndpoint { Server = server, CertificateAuthority = File.Exists(caPath) ? caPath : null }, File.Exists(namespacePath) ? File.ReadAllText(namespacePath).Trim() : null);
        configuration.TokenProvider = new RenewableTokenFile(tokenPath);
        return new KubernetesConnection(configuration, $"in-cluster service account token '{tokenPath}'");
    }

    /// <summary>An EKS cluster reached with DescribeCluster's endpoint and CA and tokens from <paramref name="tokenSource"/>.</summary>
    public static KubernetesConnection ForEksCluster(EksClusterEndpoint cluster, IEksTokenSource tokenSource, KubernetesConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(tokenSource);
        ArgumentException.ThrowIfNullOrEmpty(cluster.CertificateAuthorityData);
        if (!Uri.TryCreate(cluster.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new KubernetesConfigException(ErrorIds.KubeInvalidServerUrl, IrsaErrorKind.InvalidData, $"EKS cluster '{cluster.ClusterName}' has no valid https endpoint ('{cluster.Endpoint}').", cluster.ClusterName);
        }

        var configuration = ForCluster(cluster.ClusterName, new ClusterEndpoint { Server = endpoint.ToString(), CertificateAuthorityData = cluster.CertificateAuthorityData });
        configuration.TokenProvider = new EksTokenProvider(tokenSource, new EksTokenRequest(cluster.ClusterName, cluster.Region), (options ?? new KubernetesConnectionOptions()).Clock);
        return new KubernetesConnection(configuration, $"EKS token for cluster '{cluster.ClusterName}' created by IrsaPS") { ClusterName = cluster.ClusterName };
    }

    /// <summary>
    /// KubernetesClient's configuration of one cluster: the library reads the server, certificate authority,
    /// tls-server-name and insecure-skip-tls-verify; the caller sets the credentials. An unreadable CA fails here.
    /// </summary>
    internal static KubernetesClientConfiguration ForCluster(string name, ClusterEndpoint endpoint, string? ns = null)
    {
        var config = new K8SConfiguration
        {
            CurrentContext = name,
            Contexts = [new Context { Name = name, ContextDetails = new ContextDetails { Cluster = name, Namespace = ns } }],
            Clusters = [new Cluster { Name = name, ClusterEndpoint = endpoint }],
        };
        try
        {
            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(config);
            return configuration.SslCaCerts is { Count: 0 } ? throw new InvalidDataException("no PEM certificate found") : configuration;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or KubeConfigException or CryptographicException)
        {
            throw new KubernetesConfigException(ErrorIds.KubeCertificateUnreadable, IrsaErrorKind.InvalidData, $"The certificate authority of cluster '{name}' cannot be read: {ex.Message}", name, ex);
        }
    }

    /// <summary>Adds <paramref name="setup"/> to what the library does to its HTTP handler when it creates it.</summary>
    internal static void Chain(KubernetesClientConfiguration configuration, Action<System.Net.Http.SocketsHttpHandler> setup)
    {
        var before = configuration.FirstMessageHandlerSetup;
        configuration.FirstMessageHandlerSetup = handler =>
        {
            before?.Invoke(handler);
            setup(handler);
        };
    }

    private bool Verify(X509Certificate? presented, SslPolicyErrors errors, X509Certificate2Collection? authorities)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            TlsFailure = $"the server's certificate is not valid for the name it was reached by ({Server.Host}, or the kubeconfig's tls-server-name)";
            return false;
        }

        if (errors == SslPolicyErrors.None && authorities is null)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (authorities is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        }

        using var certificate = new X509Certificate2(presented);
        if (chain.Build(certificate))
        {
            return true;
        }

        TlsFailure = chain.ChainStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid)) ? "the server's certificate is outside its validity period"
            : authorities is null ? "the server's certificate is not trusted by this system (the kubeconfig names no certificate-authority)"
            : "the server's certificate is not signed by the cluster's certificate authority";
        return false;
    }

    public override string ToString() => DisplayName;
}
