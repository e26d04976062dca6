using System.Collections.Generic;

namespace IrsaPS.Core.Kubernetes.Config;

/// <summary>
/// A kubeconfig user's <c>exec</c> credential plugin (<c>client.authentication.k8s.io/v1</c> or <c>v1beta1</c>).
/// <see cref="Command"/> is already resolved against the kubeconfig's directory when it held a path separator.
/// </summary>
public sealed class KubeExecConfig
{
    public const string ApiVersionV1 = "client.authentication.k8s.io/v1";
    public const string ApiVersionV1Beta1 = "client.authentication.k8s.io/v1beta1";

    public required string Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables the plugin gets on top of this process's environment, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    public required string ApiVersion { get; init; }

    public string? InstallHint { get; init; }

    public bool ProvideClusterInfo { get; init; }

    /// <summary><c>Never</c>, <c>IfAvailable</c> or <c>Always</c>. IrsaPS never gives the plugin a terminal.</summary>
    public string InteractiveMode { get; init; } = "IfAvailable";

    /// <summary>A short description for messages: the command and its arguments, with secret-looking values masked.</summary>
    public string Describe() => Args.Count == 0 ? Command : Command + " " + string.Join(" ", Auth.SecretRedactor.RedactArguments(Args));
}
