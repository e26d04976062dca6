using System;
using System.Collections.Generic;
using System.Linq;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// A DaemonSet (apps/v1) as IrsaPS needs it: where it is, which pods it selects (<c>spec.selector.matchLabels</c>),
/// and how many nodes should run it and how many pods are ready (e.g. the EKS Pod Identity Agent, kube-system/eks-pod-identity-agent).
/// </summary>
internal sealed class KubeDaemonSet
{
    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = KubeServiceAccount.EmptyMap;

    /// <summary><c>spec.selector.matchLabels</c>: the labels of its pods.</summary>
    public IReadOnlyDictionary<string, string> Selector { get; init; } = KubeServiceAccount.EmptyMap;

    public int DesiredNumberScheduled { get; init; }

    public int NumberReady { get; init; }

    /// <summary>The selector as a label selector string (<c>a=b,c=d</c>), to list its pods.</summary>
    public string SelectorText => string.Join(",", Selector.Select(pair => pair.Key + "=" + pair.Value).Order(StringComparer.Ordinal));

    public override string ToString() => Namespace + "/" + Name;
}
