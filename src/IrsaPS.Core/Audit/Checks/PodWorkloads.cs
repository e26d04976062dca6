using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Kubernetes;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>Pods grouped by the workload that owns them, and the command that restarts it.</summary>
internal static class PodWorkloads
{
    /// <summary>Pods grouped by (namespace, owner kind, owner name); a pod without owner is its own group. Ordered.</summary>
    public static IEnumerable<(string Resource, List<KubePod> Pods)> Group(IEnumerable<KubePod> pods) =>
        pods.GroupBy(Resource, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.OrderBy(p => p.Name, StringComparer.Ordinal).ToList()));

    /// <summary><c>ns/ReplicaSet/name</c>, or <c>ns/name</c> for a pod without owner.</summary>
    public static string Resource(KubePod pod) =>
        pod.OwnerKind is null || pod.OwnerName is null ? pod.Key : pod.Namespace + "/" + pod.OwnerKind + "/" + pod.OwnerName;

    /// <summary>kubectl's way to recreate the pods of the workload.</summary>
    public static string Restart(KubePod pod)
    {
        switch (pod.OwnerKind)
        {
            case "ReplicaSet" when pod.OwnerName is not null:
                var dash = pod.OwnerName.LastIndexOf('-');
                return dash > 0
                    ? $"kubectl rollout restart deployment/{pod.OwnerName.Substring(0, dash)} -n {pod.Namespace}"
                    : $"kubectl delete pod -n {pod.Namespace} -l <the ReplicaSet's selector>";
            case "StatefulSet" or "DaemonSet" when pod.OwnerName is not null:
                return $"kubectl rollout restart {pod.OwnerKind.ToLowerInvariant()}/{pod.OwnerName} -n {pod.Namespace}";
            default:
                return $"kubectl delete pod {pod.Name} -n {pod.Namespace} (and create it again)";
        }
    }
}
