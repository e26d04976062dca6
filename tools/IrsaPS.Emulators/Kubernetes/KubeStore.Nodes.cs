using System;
using System.Collections.Generic;

namespace IrsaPS.Emulators.Kubernetes;

// Nodes: cluster-scoped objects keyed by name, created by the test or seed (kubelets register them in a real cluster);
// DaemonSets that should run on a node get their pod when it joins.
public sealed partial class KubeStore
{
    private readonly KubeCollection<KubeNodeObject> _nodes = new(n => n.Meta.Name);

    public int NodeCount
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    public KubeNodeObject CreateNode(string name, string? providerId = null, IReadOnlyDictionary<string, string>? labels = null, DateTimeOffset? created = null)
    {
        ValidateSubdomain("Node", name, "metadata.name");
        lock (_gate)
        {
            if (_nodes.Contains(name))
            {
                throw KubeStatusException.AlreadyExists("nodes", name);
            }

            var node = new KubeNodeObject(NewMeta(name, null, labels, null, created), providerId);
            _nodes.Put(node);
            RunDaemonSetsOn(node);
            return node;
        }
    }

    public KubeNodeObject? FindNode(string name)
    {
        lock (_gate)
        {
            return _nodes.Get(name);
        }
    }

    public KubeNodeObject GetNode(string name) => FindNode(name) ?? throw KubeStatusException.NotFound("nodes", name);

    public KubeNodeObject DeleteNode(string name)
    {
        lock (_gate)
        {
            var current = _nodes.Get(name) ?? throw KubeStatusException.NotFound("nodes", name);
            _nodes.Remove(name);
            RemoveDaemonSetPodsOn(name);
            _resourceVersion++;
            return current;
        }
    }

    public List<KubeNodeObject> ListNodes(KubeListQuery query, out string? nextAfter, out long remaining, out long listVersion)
    {
        lock (_gate)
        {
            listVersion = _resourceVersion;
            return _nodes.Page(
                string.Empty,
                query.After,
                query.Limit,
                n => query.MatchesLabels(n.Meta.Labels) && query.MatchesFields(f => f switch
                {
                    "metadata.name" => n.Meta.Name,
                    "spec.providerID" => n.ProviderId ?? string.Empty,
                    _ => throw KubeStatusException.BadRequest($"field label not supported: {f}"),
                }),
                out nextAfter,
                out remaining);
        }
    }
}
