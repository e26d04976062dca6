using System;
using System.Collections.Generic;

namespace IrsaPS.Emulators.Kubernetes;

// The stand-in keeps objects as small immutable records (not JSON), so 50,000 pods fit in little memory;
// KubeObjectJson renders them as the API server would and reads them back from request bodies.

/// <summary>Metadata every stored object has.</summary>
public sealed record KubeMeta(
    string Name,
    string? Namespace,
    string Uid,
    long ResourceVersion,
    DateTimeOffset CreationTimestamp,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations)
{
    public static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(StringComparer.Ordinal);

    public string Key => Namespace is null ? Name : Namespace + "/" + Name;
}

public sealed record KubeNamespaceObject(KubeMeta Meta);

/// <summary>A node: cluster-scoped, with the provider id the AWS cloud provider sets (<c>aws:///zone/i-...</c>) and a kubelet version.</summary>
public sealed record KubeNodeObject(KubeMeta Meta, string? ProviderId, string KubeletVersion = "v1.31.0-eks-a737599");

public sealed record KubeServiceAccountObject(KubeMeta Meta, bool? AutomountServiceAccountToken = null);

/// <summary>An environment variable: a literal value, or one taken from a reference (<see cref="FromReference"/>).</summary>
public sealed record KubeEnvVar(string Name, string? Value, bool FromReference = false);

public sealed record KubeVolumeMount(string Name, string MountPath);

public sealed record KubeContainer(string Name, string Image, IReadOnlyList<KubeEnvVar> Env, IReadOnlyList<KubeVolumeMount> VolumeMounts);

/// <summary>A projected ServiceAccount token volume (what the pod identity webhook adds).</summary>
public sealed record KubeTokenVolume(string Name, string Audience, long ExpirationSeconds, string Path);

public sealed record KubeOwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool Controller);

public sealed record KubePodObject(
    KubeMeta Meta,
    string ServiceAccountName,
    string? NodeName,
    bool HostNetwork,
    string Phase,
    IReadOnlyList<KubeContainer> Containers,
    IReadOnlyList<KubeContainer> InitContainers,
    IReadOnlyList<KubeTokenVolume> Volumes,
    IReadOnlyList<KubeOwnerReference> OwnerReferences);
