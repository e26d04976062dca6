using System;

namespace IrsaPS.Core.Models;

/// <summary>One pod of a service account and the credentials its environment gives it (set when the pod was created).</summary>
public sealed class IrsaWorkloadPod
{
    public string Namespace { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string? NodeName { get; init; }

    /// <summary>ec2, fargate, windows, auto, hybrid, or null when the node is unknown (not scheduled, or not listed).</summary>
    public string? NodeKind { get; init; }

    public string? Phase { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>What the SDK default chain uses in this pod.</summary>
    public IrsaCredentialSource Credentials { get; init; }

    /// <summary>AWS_ROLE_ARN, when the pod has IRSA's environment.</summary>
    public string? RoleArn { get; init; }

    /// <summary>True when the pod has both IRSA's and Pod Identity's environment (web identity wins).</summary>
    public bool HasBoth { get; init; }

    /// <summary>True when the pod does not get what new pods of its service account would get: restart it.</summary>
    public bool NeedsRestart { get; init; }

    /// <summary>The workload to restart (e.g. deployment/web), when it has a controller.</summary>
    public string? Owner { get; init; }

    public override string ToString() => Namespace + "/" + Name;
}
