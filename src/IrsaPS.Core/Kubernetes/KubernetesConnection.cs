using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using IrsaPS.Core.Kubernetes.Auth;
using IrsaPS.Core.Kubernetes.Config;
using IrsaPS.Core.Kubernetes.Transport;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// A resolved way to reach one API server: its URL, how its certificate is checked, how requests authenticate, and the
/// default namespace. Build it from a kubeconfig (<see cref="FromKubeConfig(KubernetesConnectionOptions?)"/>, which
/// falls back to in-cluster), from inside a pod (<see cref="InCluster"/>), or straight from an EKS cluster
/// (<see cref="ForEksCluster"/>). Every input problem is reported here, before any request is sent.
/// Holds no network resources; <see cref="KubernetesClient"/> does.
/// </summary>
public sealed class KubernetesConnection
{
    internal KubernetesConnection(
        Uri server,
        string defaultNamespace,
        IKubernetesCredentialProvider credentials,
        KubernetesTlsSettings tls)
    {
        Server = server;
        Namespace = defaultNamespace;
        Credentials = credentials;
        Tls = tls;
    }

    /// <summary>The API server's base URL (kubeconfig <c>server</c>).</summary>
    public Uri Server { get; }

    /// <summary>The namespace to use when none is given: the context's, else <c>default</c>.</summary>
    public string Namespace { get; }

    /// <summary>The kubeconfig context, when the connection came from one.</summary>
    public string? ContextName { get; init; }

    /// <summary>The kubeconfig cluster entry or the EKS cluster name.</summary>
    public string? ClusterName { get; init; }

    /// <summary>The kubeconfig user entry, when there was one.</summary>
    public string? UserName { get; init; }

    /// <summary>How requests authenticate, in words ("bearer token (kubeconfig user 'admin')", "exec plugin 'aws ...'").</summary>
    public string Authentication => Credentials.Description;

    /// <summary>Things the user should be told (e.g. TLS verification disabled). The cmdlets write them as warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The kubeconfig files the settings came from (empty in-cluster and for EKS connections).</summary>
    public IReadOnlyList<string> SourceFiles { get; init; } = [];

    /// <summary>How the connection is named in messages: <c>context 'x' (https://...)</c> or the server URL.</summary>
    public string DisplayName => ContextName is null ? Server.ToString() : $"context '{ContextName}' ({Server})";

    internal IKubernetesCredentialProvider Credentials { get; }

    internal KubernetesTlsSettings Tls { get; }

    /// <summary>A kubeconfig client certificate (exec plugins may supply their own per credential).</summary>
    internal X509Certificate2? ClientCertificate { get; init; }

    internal Uri? Proxy { get; init; }

    internal string? ImpersonateUser { get; init; }

    internal IReadOnlyList<string> ImpersonateGroups { get; init; } = [];

    /// <summary>
    /// The connection kubectl would use: <c>-KubeConfig</c>, else <c>KUBECONFIG</c>, else <c>~/.kube/config</c>, else
    /// the pod's service account when running in a cluster; the context from <c>-KubeContext</c> or <c>current-context</c>.
    /// </summary>
    public static KubernetesConnection FromKubeConfig(KubernetesConnectionOptions? options = null)
    {
        options ??= new KubernetesConnectionOptions();
        var config = KubeConfigLoader.Load(options.KubeConfigPath, options.Environment);
        if (config.SourceFiles.Count == 0 && InClusterConnectionBuilder.IsAvailable(options.Environment))
        {
            return InClusterConnectionBuilder.Build(options);
        }

        return KubeConfigConnectionBuilder.Build(config, options);
    }

    /// <summary>A connection for an already loaded (possibly merged) kubeconfig.</summary>
    public static KubernetesConnection FromKubeConfig(KubeConfig config, KubernetesConnectionOptions? options = null) =>
        KubeConfigConnectionBuilder.Build(config, options ?? new KubernetesConnectionOptions());

    /// <summary>The pod's own service account: token and CA from the service account directory, server from KUBERNETES_SERVICE_HOST/PORT.</summary>
    public static KubernetesConnection InCluster(KubernetesConnectionOptions? options = null) =>
        InClusterConnectionBuilder.Build(options ?? new KubernetesConnectionOptions());

    /// <summary>An EKS cluster reached with DescribeCluster's endpoint and CA and tokens from <paramref name="tokenSource"/>.</summary>
    public static KubernetesConnection ForEksCluster(EksClusterEndpoint cluster, IEksTokenSource tokenSource, KubernetesConnectionOptions? options = null) =>
        EksConnectionBuilder.Build(cluster, tokenSource, options ?? new KubernetesConnectionOptions());

    public override string ToString() => DisplayName;
}
