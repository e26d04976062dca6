using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>A Kubernetes ServiceAccount and its IRSA annotations.</summary>
public sealed class IrsaServiceAccount
{
    /// <summary>The EKS cluster, when known (pipeline key).</summary>
    public string? ClusterName { get; init; }

    public string Namespace { get; init; } = string.Empty;

    public string ServiceAccountName { get; init; } = string.Empty;

    /// <summary><c>eks.amazonaws.com/role-arn</c>.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The role name from <see cref="RoleArn"/>.</summary>
    public string? RoleName { get; init; }

    /// <summary><c>eks.amazonaws.com/audience</c> (null: the webhook's default, sts.amazonaws.com).</summary>
    public string? Audience { get; init; }

    /// <summary><c>eks.amazonaws.com/sts-regional-endpoints</c>.</summary>
    public string? StsRegionalEndpoints { get; init; }

    /// <summary><c>eks.amazonaws.com/token-expiration</c>, in seconds.</summary>
    public int? TokenExpiration { get; init; }

    /// <summary>Every annotation of the ServiceAccount (IrsaPS only ever changes its four keys).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>The Kubernetes context or server the account was read from.</summary>
    public string? Context { get; init; }

    /// <summary>True when this call created the ServiceAccount.</summary>
    public bool Created { get; init; }

    /// <summary>
    /// Pods that use this ServiceAccount but do not carry its current role (they were created before the annotation
    /// changed): the pod identity webhook only acts at pod creation, so they must be restarted. <c>namespace/name</c>.
    /// </summary>
    public IReadOnlyList<string> PodsToRestart { get; init; } = [];

    /// <summary>What this call planned, and whether each write was applied.</summary>
    public IReadOnlyList<IrsaChange> Changes { get; init; } = [];

    public override string ToString() => Namespace + "/" + ServiceAccountName;
}
