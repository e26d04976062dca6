using System.Collections.Generic;
using YamlDotNet.Serialization;

namespace IrsaPS.Core.Kubernetes.Config;

// The YAML shape of one kubeconfig file, as kubectl writes it. Only what IrsaPS uses is mapped; everything else
// (preferences, extensions, unknown keys) is ignored, as kubectl ignores what it does not know.
// YamlDotNet fills these through reflection; they never leave KubeConfigLoader.
#pragma warning disable CA1812 // Instantiated by YamlDotNet.

internal sealed class KubeConfigDocument
{
    [YamlMember(Alias = "current-context")]
    public string? CurrentContext { get; set; }

    [YamlMember(Alias = "clusters")]
    public List<NamedClusterDocument?>? Clusters { get; set; }

    [YamlMember(Alias = "users")]
    public List<NamedUserDocument?>? Users { get; set; }

    [YamlMember(Alias = "contexts")]
    public List<NamedContextDocument?>? Contexts { get; set; }
}

internal sealed class NamedClusterDocument
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "cluster")]
    public ClusterDocument? Cluster { get; set; }
}

internal sealed class ClusterDocument
{
    [YamlMember(Alias = "server")]
    public string? Server { get; set; }

    [YamlMember(Alias = "certificate-authority")]
    public string? CertificateAuthority { get; set; }

    [YamlMember(Alias = "certificate-authority-data")]
    public string? CertificateAuthorityData { get; set; }

    [YamlMember(Alias = "insecure-skip-tls-verify")]
    public bool InsecureSkipTlsVerify { get; set; }

    [YamlMember(Alias = "tls-server-name")]
    public string? TlsServerName { get; set; }

    [YamlMember(Alias = "proxy-url")]
    public string? ProxyUrl { get; set; }
}

internal sealed class NamedUserDocument
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "user")]
    public UserDocument? User { get; set; }
}

internal sealed class UserDocument
{
    [YamlMember(Alias = "token")]
    public string? Token { get; set; }

    [YamlMember(Alias = "tokenFile")]
    public string? TokenFile { get; set; }

    [YamlMember(Alias = "client-certificate")]
    public string? ClientCertificate { get; set; }

    [YamlMember(Alias = "client-certificate-data")]
    public string? ClientCertificateData { get; set; }

    [YamlMember(Alias = "client-key")]
    public string? ClientKey { get; set; }

    [YamlMember(Alias = "client-key-data")]
    public string? ClientKeyData { get; set; }

    [YamlMember(Alias = "username")]
    public string? Username { get; set; }

    [YamlMember(Alias = "password")]
    public string? Password { get; set; }

    [YamlMember(Alias = "as")]
    public string? Impersonate { get; set; }

    [YamlMember(Alias = "as-groups")]
    public List<string>? ImpersonateGroups { get; set; }

    [YamlMember(Alias = "exec")]
    public ExecDocument? Exec { get; set; }

    [YamlMember(Alias = "auth-provider")]
    public AuthProviderDocument? AuthProvider { get; set; }
}

internal sealed class ExecDocument
{
    [YamlMember(Alias = "command")]
    public string? Command { get; set; }

    [YamlMember(Alias = "args")]
    public List<string>? Args { get; set; }

    [YamlMember(Alias = "env")]
    public List<ExecEnvDocument?>? Env { get; set; }

    [YamlMember(Alias = "apiVersion")]
    public string? ApiVersion { get; set; }

    [YamlMember(Alias = "installHint")]
    public string? InstallHint { get; set; }

    [YamlMember(Alias = "provideClusterInfo")]
    public bool ProvideClusterInfo { get; set; }

    [YamlMember(Alias = "interactiveMode")]
    public string? InteractiveMode { get; set; }
}

internal sealed class ExecEnvDocument
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "value")]
    public string? Value { get; set; }
}

internal sealed class AuthProviderDocument
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }
}

internal sealed class NamedContextDocument
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "context")]
    public ContextDocument? Context { get; set; }
}

internal sealed class ContextDocument
{
    [YamlMember(Alias = "cluster")]
    public string? Cluster { get; set; }

    [YamlMember(Alias = "user")]
    public string? User { get; set; }

    [YamlMember(Alias = "namespace")]
    public string? Namespace { get; set; }
}
