using System.Collections.Generic;

namespace IrsaPS.Core.Kubernetes.Config;

/// <summary>
/// One or more kubeconfig files merged by kubectl's rules (<see cref="KubeConfigLoader"/>): for clusters, users and
/// contexts the first file that defines a name wins; <see cref="CurrentContext"/> comes from the first file that sets it.
/// Relative paths inside an entry are already resolved against the file that declared it.
/// </summary>
public sealed class KubeConfig
{
    internal KubeConfig(
        IReadOnlyList<string> sourceFiles,
        string? currentContext,
        IReadOnlyDictionary<string, KubeConfigCluster> clusters,
        IReadOnlyDictionary<string, KubeConfigUser> users,
        IReadOnlyDictionary<string, KubeConfigContext> contexts)
    {
        SourceFiles = sourceFiles;
        CurrentContext = currentContext;
        Clusters = clusters;
        Users = users;
        Contexts = contexts;
    }

    /// <summary>The files that were read, in merge order. Empty when no kubeconfig was found.</summary>
    public IReadOnlyList<string> SourceFiles { get; }

    /// <summary>The <c>current-context</c> of the first file that set one.</summary>
    public string? CurrentContext { get; }

    public IReadOnlyDictionary<string, KubeConfigCluster> Clusters { get; }

    public IReadOnlyDictionary<string, KubeConfigUser> Users { get; }

    public IReadOnlyDictionary<string, KubeConfigContext> Contexts { get; }

    /// <summary>A human description of where the configuration came from (file names, no contents).</summary>
    public string Describe() => SourceFiles.Count == 0 ? "(no kubeconfig)" : string.Join(", ", SourceFiles);
}

/// <summary>A kubeconfig <c>cluster</c> entry.</summary>
public sealed class KubeConfigCluster
{
    public required string Name { get; init; }

    /// <summary>The kubeconfig file that declared this entry.</summary>
    public required string SourceFile { get; init; }

    public string? Server { get; init; }

    /// <summary><c>certificate-authority</c>, resolved to an absolute path.</summary>
    public string? CertificateAuthorityFile { get; init; }

    /// <summary><c>certificate-authority-data</c>, base64-decoded (PEM text bytes).</summary>
    public byte[]? CertificateAuthorityData { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    public string? TlsServerName { get; init; }

    public string? ProxyUrl { get; init; }
}

/// <summary>
/// A kubeconfig <c>user</c> entry. Secret values (tokens, keys, passwords) are internal and never printed;
/// <see cref="AuthenticationKind"/> says which method the entry uses.
/// </summary>
public sealed class KubeConfigUser
{
    public required string Name { get; init; }

    public required string SourceFile { get; init; }

    internal string? Token { get; init; }

    /// <summary><c>tokenFile</c>, resolved to an absolute path.</summary>
    public string? TokenFile { get; init; }

    /// <summary><c>client-certificate</c>, resolved to an absolute path.</summary>
    public string? ClientCertificateFile { get; init; }

    internal byte[]? ClientCertificateData { get; init; }

    /// <summary><c>client-key</c>, resolved to an absolute path.</summary>
    public string? ClientKeyFile { get; init; }

    internal byte[]? ClientKeyData { get; init; }

    public string? Username { get; init; }

    internal string? Password { get; init; }

    /// <summary><c>as</c>: the user to impersonate.</summary>
    public string? Impersonate { get; init; }

    /// <summary><c>as-groups</c>: the groups to impersonate.</summary>
    public IReadOnlyList<string> ImpersonateGroups { get; init; } = [];

    public KubeExecConfig? Exec { get; init; }

    /// <summary>The legacy <c>auth-provider</c> name (gcp, azure, oidc), which IrsaPS does not support.</summary>
    public string? AuthProviderName { get; init; }

    /// <summary>The authentication method this entry uses, as kubectl would choose it.</summary>
    public string AuthenticationKind =>
        Exec is not null ? "exec"
        : AuthProviderName is not null ? "auth-provider"
        : ClientCertificateData is not null || ClientCertificateFile is not null ? "client-certificate"
        : Token is not null ? "token"
        : TokenFile is not null ? "tokenFile"
        : Username is not null ? "basic"
        : "none";

    internal bool HasToken => !string.IsNullOrEmpty(Token);
}

/// <summary>A kubeconfig <c>context</c> entry: a cluster, a user and a default namespace.</summary>
public sealed class KubeConfigContext
{
    public required string Name { get; init; }

    public required string SourceFile { get; init; }

    public string? Cluster { get; init; }

    public string? User { get; init; }

    public string? Namespace { get; init; }
}
