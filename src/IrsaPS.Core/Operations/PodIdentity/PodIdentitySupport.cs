using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>Why EKS Pod Identity cannot serve a service account: the cluster, the agent, or the nodes its pods run on.</summary>
internal enum PodIdentityBlockerKind
{
    /// <summary>The cluster: an Outposts local cluster, or a Kubernetes/platform version older than Pod Identity needs.</summary>
    Cluster,

    /// <summary>The EKS Pod Identity Agent is not installed on the cluster.</summary>
    AgentMissing,

    /// <summary>A pod runs (or must run) on a node Pod Identity cannot serve: Fargate, Windows, or a node without the agent.</summary>
    Node,
}

/// <summary>One reason Pod Identity cannot serve a service account.</summary>
internal sealed record PodIdentityBlocker(PodIdentityBlockerKind Kind, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// Where EKS Pod Identity can run, from the EKS user guide ("EKS Pod Identity restrictions" and "cluster versions"):
/// only on Amazon EKS (not Outposts), on clusters at Kubernetes 1.29 or later, 1.28 from platform eks.4, 1.27 from eks.8,
/// 1.26 from eks.9; only for pods on Linux EC2 nodes (not Fargate, not Windows) where the EKS Pod Identity Agent runs
/// (the DaemonSet kube-system/eks-pod-identity-agent of the add-on; built into EKS Auto Mode nodes).
/// </summary>
internal static class PodIdentitySupport
{
    public const string AgentNamespace = "kube-system";
    public const string AgentName = "eks-pod-identity-agent";

    private static readonly Dictionary<string, int> MinimumPlatform = new(StringComparer.Ordinal)
    {
        ["1.26"] = 9,
        ["1.27"] = 8,
        ["1.28"] = 4,
    };

    /// <summary>Why the cluster itself cannot use Pod Identity, or null when it can (or its version is not known).</summary>
    public static string? ClusterBlocker(IrsaCluster cluster)
    {
        if (cluster is null)
        {
            throw new ArgumentNullException(nameof(cluster));
        }

        if (cluster.IsOutpostsLocalCluster)
        {
            return $"Cluster '{cluster.ClusterName}' is an Amazon EKS local cluster on AWS Outposts, where EKS Pod Identity is not available.";
        }

        if (!ClusterResolver.TryParseVersion(cluster.Version, out var version))
        {
            return null;
        }

        if (version < new Version(1, 26))
        {
            return $"Cluster '{cluster.ClusterName}' runs Kubernetes {cluster.Version}; EKS Pod Identity needs 1.26 (platform eks.9) or later. Upgrade the cluster.";
        }

        var key = version.Major.ToString(CultureInfo.InvariantCulture) + "." + version.Minor.ToString(CultureInfo.InvariantCulture);
        if (MinimumPlatform.TryGetValue(key, out var minimum) && PlatformNumber(cluster.PlatformVersion) is { } platform && platform < minimum)
        {
            return $"Cluster '{cluster.ClusterName}' runs Kubernetes {cluster.Version} on platform {cluster.PlatformVersion}; EKS Pod Identity needs platform eks.{minimum} or later there. Wait for EKS to update the platform, or upgrade the cluster.";
        }

        return null;
    }

    /// <summary>What a node is for Pod Identity: fargate, windows, auto (agent built in), hybrid, or ec2.</summary>
    public static string NodeKind(KubeNode node)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        if (node.IsFargate)
        {
            return "fargate";
        }

        if (node.Labels.TryGetValue("kubernetes.io/os", out var os) && string.Equals(os, "windows", StringComparison.OrdinalIgnoreCase))
        {
            return "windows";
        }

        return string.Equals(node.ComputeType, "auto", StringComparison.Ordinal) ? "auto"
            : node.IsHybrid ? "hybrid"
            : "ec2";
    }

    /// <summary>
    /// Reads (once per session and cluster) what decides where the agent runs: the agent DaemonSet, the nodes its pods
    /// run on, and every node with its labels: one DaemonSet read, one pod list (the DaemonSet's selector) and
    /// ceil(nodes / 500) node lists.
    /// </summary>
    public static Task<PodIdentityClusterState> ReadAsync(IrsaSession session, KubernetesClient kube, IrsaCluster cluster, CancellationToken cancellationToken) =>
        session.MemoizeAsync("pod-identity-state:" + cluster.ClusterName, () => ReadUncachedAsync(kube, cluster, cancellationToken));

    public static async Task<PodIdentityClusterState> ReadUncachedAsync(KubernetesClient kube, IrsaCluster? cluster, CancellationToken cancellationToken)
    {
        var agent = await kube.FindDaemonSetAsync(AgentNamespace, AgentName, cancellationToken).ConfigureAwait(false);
        var withAgent = new HashSet<string>(StringComparer.Ordinal);
        if (agent is not null && agent.Selector.Count > 0)
        {
            var pods = await kube.ListPodsAsync(AgentNamespace, new KubeListOptions { LabelSelector = agent.SelectorText }, cancellationToken).ConfigureAwait(false);
            foreach (var pod in pods)
            {
                if (pod.NodeName is not null && string.Equals(pod.Phase, "Running", StringComparison.Ordinal))
                {
                    withAgent.Add(pod.NodeName);
                }
            }
        }

        var nodes = await kube.ListNodesAsync(null, cancellationToken).ConfigureAwait(false);
        return new PodIdentityClusterState(cluster, agent, nodes, withAgent);
    }

    private static int? PlatformNumber(string? platform) =>
        platform is not null && platform.StartsWith("eks.", StringComparison.Ordinal)
        && int.TryParse(platform.Substring(4), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}

/// <summary>A cluster's Pod Identity facts: its own blocker, the agent DaemonSet, its nodes and those that run an agent pod.</summary>
internal sealed class PodIdentityClusterState
{
    private readonly Dictionary<string, KubeNode> _nodes;
    private readonly HashSet<string> _withAgent;

    public PodIdentityClusterState(IrsaCluster? cluster, KubeDaemonSet? agent, IReadOnlyList<KubeNode> nodes, IEnumerable<string> nodesWithAgent)
    {
        Cluster = cluster;
        Agent = agent;
        ClusterBlocker = cluster is null ? null : PodIdentitySupport.ClusterBlocker(cluster);
        _nodes = (nodes ?? []).GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _withAgent = new HashSet<string>(nodesWithAgent ?? [], StringComparer.Ordinal);
    }

    public IrsaCluster? Cluster { get; }

    public KubeDaemonSet? Agent { get; }

    public string? ClusterBlocker { get; }

    public int NodeCount => _nodes.Count;

    /// <summary>Every node.</summary>
    public IReadOnlyCollection<KubeNode> Nodes => _nodes.Values;

    /// <summary>The nodes a running agent pod runs on.</summary>
    public IReadOnlyCollection<string> NodesWithAgent => _withAgent;

    /// <summary>True when no agent DaemonSet exists and some node is not an Auto Mode node (where it is built in).</summary>
    public bool AgentMissing => Agent is null && (_nodes.Count == 0 || _nodes.Values.Any(n => PodIdentitySupport.NodeKind(n) != "auto"));

    public KubeNode? Node(string? name) => name is not null && _nodes.TryGetValue(name, out var node) ? node : null;

    /// <summary>True when an agent pod runs on the node, or the node is an Auto Mode node.</summary>
    public bool AgentRunsOn(string nodeName) =>
        _withAgent.Contains(nodeName) || (Node(nodeName) is { } node && PodIdentitySupport.NodeKind(node) == "auto");

    /// <summary>Every reason Pod Identity cannot serve pods like <paramref name="pods"/> (distinct, in a stable order).</summary>
    public IReadOnlyList<PodIdentityBlocker> Blockers(IEnumerable<KubePod> pods)
    {
        var blockers = new List<PodIdentityBlocker>();
        if (ClusterBlocker is not null)
        {
            blockers.Add(new PodIdentityBlocker(PodIdentityBlockerKind.Cluster, ClusterBlocker));
        }

        if (AgentMissing)
        {
            blockers.Add(new PodIdentityBlocker(
                PodIdentityBlockerKind.AgentMissing,
                $"The EKS Pod Identity Agent is not installed: there is no DaemonSet {PodIdentitySupport.AgentNamespace}/{PodIdentitySupport.AgentName}. Install it (aws eks create-addon --addon-name eks-pod-identity-agent) before moving service accounts to Pod Identity."));
        }

        foreach (var pod in pods.Where(p => !p.IsFinished).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var node = Node(pod.NodeName);
            var kind = node is null ? null : PodIdentitySupport.NodeKind(node);
            if (kind == "fargate")
            {
                blockers.Add(new PodIdentityBlocker(PodIdentityBlockerKind.Node, $"Pod {pod.Key} runs on Fargate (node {pod.NodeName}), where EKS Pod Identity is not available."));
            }
            else if (kind == "windows" || (node is null && string.Equals(pod.NodeSelectorOs, "windows", StringComparison.OrdinalIgnoreCase)))
            {
                blockers.Add(new PodIdentityBlocker(PodIdentityBlockerKind.Node, $"Pod {pod.Key} runs on Windows{(pod.NodeName is null ? string.Empty : $" (node {pod.NodeName})")}, where EKS Pod Identity is not available."));
            }
            else if (node is not null && !AgentMissing && !AgentRunsOn(node.Name))
            {
                blockers.Add(new PodIdentityBlocker(PodIdentityBlockerKind.Node, $"Pod {pod.Key} runs on node {node.Name}, where no EKS Pod Identity Agent pod runs."));
            }
        }

        return blockers.Distinct().ToList();
    }
}
