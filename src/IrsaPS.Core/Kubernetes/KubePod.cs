using System;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// What the audit needs to know about a pod: which ServiceAccount it runs as, where, since when, and whether the pod
/// identity webhook injected the IRSA environment (<c>AWS_ROLE_ARN</c>, <c>AWS_WEB_IDENTITY_TOKEN_FILE</c>) into it.
/// Pods created before a ServiceAccount got its role annotation have neither and must be restarted to pick it up;
/// <see cref="OwnerKind"/>/<see cref="OwnerName"/> say what to restart.
/// </summary>
public sealed class KubePod
{
    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public string? Uid { get; init; }

    /// <summary><c>spec.serviceAccountName</c> (<c>default</c> when unset).</summary>
    public string ServiceAccountName { get; init; } = "default";

    public string? NodeName { get; init; }

    public bool HostNetwork { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary><c>status.phase</c>: Pending, Running, Succeeded, Failed, Unknown.</summary>
    public string? Phase { get; init; }

    /// <summary>True when any container or init container has an <c>AWS_ROLE_ARN</c> variable.</summary>
    public bool HasAwsRoleArnEnv { get; init; }

    /// <summary>True when any container or init container has an <c>AWS_WEB_IDENTITY_TOKEN_FILE</c> variable.</summary>
    public bool HasWebIdentityTokenFileEnv { get; init; }

    /// <summary>The literal value of the first <c>AWS_ROLE_ARN</c> found (null when absent or set from a reference).</summary>
    public string? AwsRoleArn { get; init; }

    /// <summary>The controlling owner's kind (ReplicaSet, StatefulSet, DaemonSet, Job...), or the first owner's.</summary>
    public string? OwnerKind { get; init; }

    public string? OwnerName { get; init; }

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => Namespace + "/" + Name;

    public override string ToString() => Key;
}
