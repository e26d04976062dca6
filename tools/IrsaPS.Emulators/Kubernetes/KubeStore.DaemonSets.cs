using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace IrsaPS.Emulators.Kubernetes;

// DaemonSets, with the part of the DaemonSet controller that matters here: one pod per eligible node (the node matches
// the template's nodeSelector and is not a Fargate node, where DaemonSets never run), created with the DaemonSet, for
// nodes added later, and deleted with the DaemonSet or its node. The pods are Running on the host network at once.
public sealed partial class KubeStore
{
    private const string PodSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private readonly KubeCollection<KubeDaemonSetObject> _daemonSets = new(d => d.Meta.Key);

    public KubeDaemonSetObject CreateDaemonSet(
        string ns,
        string name,
        IReadOnlyDictionary<string, string>? podLabels = null,
        IReadOnlyDictionary<string, string>? nodeSelector = null,
        string serviceAccountName = "default",
        string image = "public.ecr.aws/docker/library/busybox:stable",
        IReadOnlyDictionary<string, string>? labels = null)
    {
        ValidateSubdomain("DaemonSet", name, "metadata.name");
        var template = podLabels is { Count: > 0 } ? podLabels : new Dictionary<string, string> { ["app.kubernetes.io/name"] = name };
        lock (_gate)
        {
            RequireNamespace(ns);
            if (_daemonSets.Contains(ns + "/" + name))
            {
                throw KubeStatusException.AlreadyExists("daemonsets.apps", name);
            }

            var daemonSet = new KubeDaemonSetObject(
                NewMeta(name, ns, labels, null, null),
                Copy(template),
                Copy(template),
                Copy(nodeSelector),
                serviceAccountName,
                image);
            _daemonSets.Put(daemonSet);
            foreach (var node in _nodes.All().ToList())
            {
                RunOn(daemonSet, node);
            }

            return daemonSet;
        }
    }

    public KubeDaemonSetObject? FindDaemonSet(string ns, string name)
    {
        lock (_gate)
        {
            return _daemonSets.Get(ns + "/" + name);
        }
    }

    public KubeDaemonSetView GetDaemonSet(string ns, string name)
    {
        lock (_gate)
        {
            var found = _daemonSets.Get(ns + "/" + name) ?? throw KubeStatusException.NotFound("daemonsets.apps", name);
            return View(found);
        }
    }

    /// <summary>Deletes the DaemonSet and its pods (foreground deletion, as kubectl delete does by default for its dependents).</summary>
    public KubeDaemonSetObject DeleteDaemonSet(string ns, string name)
    {
        lock (_gate)
        {
            var current = _daemonSets.Get(ns + "/" + name) ?? throw KubeStatusException.NotFound("daemonsets.apps", name);
            foreach (var pod in PodsOf(current).ToList())
            {
                _pods.Remove(pod.Meta.Key);
            }

            _daemonSets.Remove(current.Meta.Key);
            _resourceVersion++;
            return current;
        }
    }

    public List<KubeDaemonSetView> ListDaemonSets(KubeListQuery query, out string? nextAfter, out long remaining, out long listVersion)
    {
        lock (_gate)
        {
            listVersion = _resourceVersion;
            return _daemonSets.Page(
                Prefix(query.Namespace),
                query.After,
                query.Limit,
                d => query.MatchesLabels(d.Meta.Labels) && query.MatchesFields(f => f switch
                {
                    "metadata.name" => d.Meta.Name,
                    "metadata.namespace" => d.Meta.Namespace,
                    _ => throw KubeStatusException.BadRequest($"field label not supported: {f}"),
                }),
                out nextAfter,
                out remaining).Select(View).ToList();
        }
    }

    /// <summary>Fargate runs no DaemonSet pods; other nodes run them when they match the template's nodeSelector.</summary>
    internal static bool Eligible(KubeDaemonSetObject daemonSet, KubeNodeObject node)
    {
        if (IsFargate(node))
        {
            return false;
        }

        foreach (var (key, value) in daemonSet.NodeSelector)
        {
            if (!node.Meta.Labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsFargate(KubeNodeObject node) =>
        (node.Meta.Labels.TryGetValue("eks.amazonaws.com/compute-type", out var type) && type == "fargate")
        || (node.ProviderId?.Contains("/fargate-", StringComparison.Ordinal) ?? false);

    /// <summary>Called (under the lock) when a node joins: every DaemonSet that should run there gets its pod.</summary>
    private void RunDaemonSetsOn(KubeNodeObject node)
    {
        foreach (var daemonSet in _daemonSets.All().ToList())
        {
            RunOn(daemonSet, node);
        }
    }

    /// <summary>Called (under the lock) when a node leaves: its DaemonSet pods go with it.</summary>
    private void RemoveDaemonSetPodsOn(string nodeName)
    {
        foreach (var daemonSet in _daemonSets.All().ToList())
        {
            foreach (var pod in PodsOf(daemonSet).Where(p => p.NodeName == nodeName).ToList())
            {
                _pods.Remove(pod.Meta.Key);
            }
        }
    }

    private void RunOn(KubeDaemonSetObject daemonSet, KubeNodeObject node)
    {
        if (!Eligible(daemonSet, node) || PodsOf(daemonSet).Any(p => p.NodeName == node.Meta.Name))
        {
            return;
        }

        var owner = new KubeOwnerReference("apps/v1", "DaemonSet", daemonSet.Meta.Name, daemonSet.Meta.Uid, true);
        var pod = new KubePodObject(
            new KubeMeta(daemonSet.Meta.Name + "-" + Suffix(), daemonSet.Meta.Namespace, string.Empty, 0, default, daemonSet.PodLabels, KubeMeta.Empty),
            daemonSet.ServiceAccountName,
            node.Meta.Name,
            true,
            "Running",
            [new KubeContainer(daemonSet.Meta.Name, daemonSet.Image, [], [])],
            [],
            [],
            [owner]);
        CreatePod(pod, applyWebhook: false);
    }

    private IEnumerable<KubePodObject> PodsOf(KubeDaemonSetObject daemonSet) =>
        _pods.All().Where(p => p.Meta.Namespace == daemonSet.Meta.Namespace
            && p.OwnerReferences.Any(o => o.Kind == "DaemonSet" && o.Uid == daemonSet.Meta.Uid));

    private KubeDaemonSetView View(KubeDaemonSetObject daemonSet)
    {
        var desired = _nodes.All().Count(n => Eligible(daemonSet, n));
        var pods = PodsOf(daemonSet).ToList();
        return new KubeDaemonSetView(daemonSet, desired, pods.Count, pods.Count(p => p.Phase == "Running"));
    }

    private static string Suffix()
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = PodSuffixAlphabet[RandomNumberGenerator.GetInt32(PodSuffixAlphabet.Length)];
        }

        return new string(suffix);
    }
}
