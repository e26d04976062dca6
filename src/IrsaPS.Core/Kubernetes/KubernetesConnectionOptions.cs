using System;
using System.IO;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// What the cmdlets know about the Kubernetes connection before it is resolved: <c>-KubeConfig</c>, <c>-KubeContext</c>,
/// and the AWS side's token source for EKS clusters.
/// </summary>
internal sealed class KubernetesConnectionOptions
{
    /// <summary><c>-KubeConfig</c>: one kubeconfig file, which must exist. Null: KUBECONFIG, then ~/.kube/config, then in-cluster.</summary>
    public string? KubeConfigPath { get; init; }

    /// <summary><c>-KubeContext</c>: the context to use instead of <c>current-context</c>.</summary>
    public string? Context { get; init; }

    /// <summary>
    /// When set, a kubeconfig user whose exec plugin only mints an EKS token (<c>aws eks get-token</c>,
    /// <c>aws-iam-authenticator token</c>) gets its tokens from here instead of running the plugin.
    /// </summary>
    public IEksTokenSource? EksTokenSource { get; init; }

    /// <summary>Environment variables, home directory and in-cluster paths; the real process by default.</summary>
    public KubeEnvironment Environment { get; init; } = KubeEnvironment.Process;

    /// <summary>Where exec plugin credentials are cached; process-wide by default, so a plugin runs once per session.</summary>
    public Auth.ExecCredentialCache ExecCredentialCache { get; init; } = Auth.ExecCredentialCache.Shared;

    /// <summary>How long an exec plugin may run before it is stopped.</summary>
    public TimeSpan ExecTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The clock used for credential expiry (tests move it).</summary>
    internal Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;
}

/// <summary>
/// Where the Kubernetes side looks things up: environment variables (<c>KUBECONFIG</c>, <c>HOME</c>,
/// <c>KUBERNETES_SERVICE_HOST</c>), the home directory and the in-cluster service account directory. Tests pass their own.
/// </summary>
internal sealed record KubeEnvironment
{
    public static KubeEnvironment Process { get; } = new();

    public Func<string, string?> GetVariable { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The home directory holding <c>.kube/config</c>; null means HOME, else USERPROFILE.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>The in-cluster service account directory (token, ca.crt, namespace).</summary>
    public string ServiceAccountDirectory { get; init; } = "/var/run/secrets/kubernetes.io/serviceaccount";

    public string DefaultKubeConfigPath =>
        Path.Combine(HomeDirectory ?? GetVariable("HOME") ?? GetVariable("USERPROFILE") ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".kube", "config");
}
