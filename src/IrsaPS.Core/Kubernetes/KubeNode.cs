using System;
using System.Collections.Generic;
using IrsaPS.Core.Aws.Ec2;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// What the audit needs to know about a node: its name (pods' <c>spec.nodeName</c>), its provider id (which EC2 instance
/// it is, hence whose instance metadata service its pods can reach) and its labels (Fargate, hybrid, node group).
/// </summary>
internal sealed class KubeNode
{
    /// <summary>The label EKS puts on Fargate (<c>fargate</c>), hybrid (<c>hybrid</c>) and Auto Mode (<c>auto</c>) nodes.</summary>
    public const string ComputeTypeLabel = "eks.amazonaws.com/compute-type";

    /// <summary>The label EKS managed node groups put on their nodes.</summary>
    public const string NodeGroupLabel = "eks.amazonaws.com/nodegroup";

    /// <summary>The label Karpenter puts on the nodes it launches.</summary>
    public const string NodePoolLabel = "karpenter.sh/nodepool";

    public required string Name { get; init; }

    public string? Uid { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary><c>spec.providerID</c>, e.g. <c>aws:///us-east-1a/i-0123456789abcdef0</c>.</summary>
    public string? ProviderId { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = KubeServiceAccount.EmptyMap;

    /// <summary>The EC2 instance behind the node; null for Fargate, hybrid and non-AWS nodes.</summary>
    public string? InstanceId => AwsProviderId.TryParse(ProviderId)?.InstanceId;

    /// <summary>The zone from the provider id (null when it has none).</summary>
    public string? AvailabilityZone => AwsProviderId.TryParse(ProviderId)?.AvailabilityZone is { Length: > 0 } zone ? zone : null;

    /// <summary><c>eks.amazonaws.com/compute-type</c>: fargate, hybrid, auto, or null for EC2 node groups.</summary>
    public string? ComputeType => Labels.TryGetValue(ComputeTypeLabel, out var type) ? type : null;

    /// <summary>Fargate: each pod runs in its own micro-VM with no instance metadata service.</summary>
    public bool IsFargate =>
        string.Equals(ComputeType, "fargate", StringComparison.Ordinal)
        || (ProviderId?.IndexOf("/fargate-", StringComparison.Ordinal) ?? -1) >= 0;

    /// <summary>EKS hybrid nodes run outside AWS: no EC2 instance metadata service behind them.</summary>
    public bool IsHybrid => string.Equals(ComputeType, "hybrid", StringComparison.Ordinal);

    /// <summary>The managed node group or Karpenter node pool that launched it, when its labels say.</summary>
    public string? NodeGroup => Labels.TryGetValue(NodeGroupLabel, out var group) ? group : Labels.TryGetValue(NodePoolLabel, out var pool) ? pool : null;

    public override string ToString() => Name;
}
