using System;
using IrsaPS.Core.Kubernetes.Auth;
using IrsaPS.Core.Kubernetes.Config;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// What the cmdlets know about the Kubernetes connection before it is resolved: <c>-KubeConfig</c>, <c>-KubeContext</c>,
/// and the AWS side's token source for EKS clusters.
/// </summary>
public sealed class KubernetesConnectionOptions
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

    /// <summary>Where exec plugin credentials are cached; process-wide by default.</summary>
    public ExecCredentialCache ExecCredentialCache { get; init; } = ExecCredentialCache.Shared;

    /// <summary>How long an exec plugin may run before it is stopped.</summary>
    public TimeSpan ExecTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The clock used for credential expiry (tests move it).</summary>
    internal Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;
}
