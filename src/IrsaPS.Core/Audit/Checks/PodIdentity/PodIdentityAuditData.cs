using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Operations.PodIdentity;

namespace IrsaPS.Core.Audit.Checks.PodIdentity;

/// <summary>The snapshot's Pod Identity data indexed once per audit (shared by IRSA017-IRSA022): associations and pods by service account, and the agent's reach.</summary>
internal sealed class PodIdentityAuditData
{
    private static readonly ConditionalWeakTable<AuditContext, PodIdentityAuditData> Cache = new();
    private readonly Dictionary<string, List<KubePod>> _pods = new(StringComparer.Ordinal);

    private PodIdentityAuditData(AuditSnapshot snapshot)
    {
        Associations = snapshot.PodIdentityAssociations
            .OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.ServiceAccount, StringComparer.Ordinal)
            .ToList();
        ByServiceAccount = Associations
            .GroupBy(a => a.Namespace + "/" + a.ServiceAccount, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var pod in snapshot.PodIdentityPods)
        {
            var key = pod.Namespace + "/" + pod.ServiceAccountName;
            if (!_pods.TryGetValue(key, out var list))
            {
                _pods[key] = list = [];
            }

            list.Add(pod);
        }

        State = new PodIdentityClusterState(null, snapshot.PodIdentityAgent, snapshot.PodIdentityNodes, snapshot.PodIdentityAgentNodes);
    }

    public IReadOnlyList<PodIdentityAssociation> Associations { get; }

    public IReadOnlyDictionary<string, PodIdentityAssociation> ByServiceAccount { get; }

    public PodIdentityClusterState State { get; }

    public static PodIdentityAuditData For(AuditContext context) => Cache.GetValue(context, c => new PodIdentityAuditData(c.Snapshot));

    /// <summary>True when the audit read the Pod Identity data (and EKS answered).</summary>
    public static bool Available(AuditContext context) => context.Has(AuditNeeds.PodIdentity) && context.Snapshot.PodIdentityUnavailable is null;

    public IReadOnlyList<KubePod> PodsOf(string serviceAccountKey) =>
        _pods.TryGetValue(serviceAccountKey, out var list) ? list : [];
}
