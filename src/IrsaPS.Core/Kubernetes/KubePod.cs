using System;

namespace IrsaPS.Core.Kubernetes;

/// <summary>Which AWS credentials the SDK default chain in a pod's containers picks, in the chain's order.</summary>
internal enum KubePodCredentialSource
{
    /// <summary>None of the below: the node's instance role through IMDS, if the pod can reach it.</summary>
    None = 0,

    /// <summary><c>AWS_ACCESS_KEY_ID</c> in the environment: static keys, first in every SDK's chain.</summary>
    EnvironmentKeys = 1,

    /// <summary><c>AWS_ROLE_ARN</c> + <c>AWS_WEB_IDENTITY_TOKEN_FILE</c> (IRSA): the SDKs try web identity before container credentials.</summary>
    WebIdentity = 2,

    /// <summary><c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c> + <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c> (EKS Pod Identity).</summary>
    PodIdentity = 3,
}

/// <summary>
/// What IrsaPS needs to know about a pod: which ServiceAccount it runs as, where, since when, what owns it (what to
/// restart), and its AWS credential environment as the webhooks left it when it was created: IRSA's <c>AWS_ROLE_ARN</c> /
/// <c>AWS_WEB_IDENTITY_TOKEN_FILE</c>, EKS Pod Identity's <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c> /
/// <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c>, static keys. Every container and init container is scanned; a
/// variable set in any of them counts. Pods created before a ServiceAccount got its role annotation have none of it.
/// </summary>
internal sealed class KubePod
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

    /// <summary><c>spec.nodeSelector["kubernetes.io/os"]</c>, when the pod asks for an OS.</summary>
    public string? NodeSelectorOs { get; init; }

    /// <summary>The controlling owner's kind (ReplicaSet, StatefulSet, DaemonSet, Job...), or the first owner's.</summary>
    public string? OwnerKind { get; init; }

    public string? OwnerName { get; init; }

    /// <summary>The literal value of the first <c>AWS_ROLE_ARN</c> found (null when absent or set from a reference).</summary>
    public string? AwsRoleArn { get; init; }

    /// <summary>True when any container or init container has an <c>AWS_ROLE_ARN</c> variable.</summary>
    public bool HasAwsRoleArnEnv { get; init; }

    /// <summary>True when any container or init container has an <c>AWS_WEB_IDENTITY_TOKEN_FILE</c> variable.</summary>
    public bool HasWebIdentityTokenFileEnv { get; init; }

    /// <summary>The literal value of the first <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>.</summary>
    public string? ContainerCredentialsFullUri { get; init; }

    public bool HasContainerAuthorizationTokenFile { get; init; }

    public bool HasStaticKeys { get; init; }

    /// <summary>IRSA's two variables are both there.</summary>
    public bool HasWebIdentity => HasAwsRoleArnEnv && HasWebIdentityTokenFileEnv;

    /// <summary>EKS Pod Identity's two variables are both there.</summary>
    public bool HasPodIdentity => ContainerCredentialsFullUri is not null && HasContainerAuthorizationTokenFile;

    /// <summary>What the SDK default chain picks: static keys, then web identity, then container credentials.</summary>
    public KubePodCredentialSource Source =>
        HasStaticKeys ? KubePodCredentialSource.EnvironmentKeys
        : HasWebIdentity ? KubePodCredentialSource.WebIdentity
        : HasPodIdentity ? KubePodCredentialSource.PodIdentity
        : KubePodCredentialSource.None;

    /// <summary>Succeeded or Failed: it runs no more.</summary>
    public bool IsFinished => string.Equals(Phase, "Succeeded", StringComparison.Ordinal) || string.Equals(Phase, "Failed", StringComparison.Ordinal);

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => Namespace + "/" + Name;

    public override string ToString() => Key;
}
