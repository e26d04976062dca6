using System;
using System.Collections.Generic;
using IrsaPS.Core.ServiceAccounts;

namespace IrsaPS.Core.Kubernetes;

/// <summary>The parts of a ServiceAccount IrsaPS needs: identity, version, and annotations (with the IRSA ones typed).</summary>
internal sealed class KubeServiceAccount
{
    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public string? Uid { get; init; }

    /// <summary>The object's resourceVersion when it was read (for optimistic concurrency).</summary>
    public string? ResourceVersion { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = EmptyMap;

    public IReadOnlyDictionary<string, string> Labels { get; init; } = EmptyMap;

    /// <summary><c>automountServiceAccountToken</c>; null when unset (the default, true).</summary>
    public bool? AutomountServiceAccountToken { get; init; }

    /// <summary>The four IRSA annotations.</summary>
    public IrsaAnnotations Irsa => IrsaAnnotations.From(Annotations);

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => Namespace + "/" + Name;

    public override string ToString() => Key;

    internal static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>(0, StringComparer.Ordinal);
}
