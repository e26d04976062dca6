using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations.PodIdentity;

namespace IrsaPS.Core.Audit.Checks.PodIdentity;

/// <summary>IRSA022: the cluster has Pod Identity associations but the agent is not installed, or not on the nodes their pods run on.</summary>
internal sealed class PodIdentityAgentMissingCheck : AuditCheck
{
    public PodIdentityAgentMissingCheck()
        : base(new AuditCheckInfo(
            "IRSA022",
            "PodIdentityAgentMissing",
            IrsaSeverity.High,
            "Pod Identity associations, but no EKS Pod Identity Agent on the nodes",
            "Pods get Pod Identity credentials from the EKS Pod Identity Agent on their node (DaemonSet kube-system/eks-pod-identity-agent, "
            + "or built into EKS Auto Mode nodes). High when the cluster has associations and no agent at all: every pod that relies on "
            + "one gets no credentials. Medium per node when pods that rely on an association run on a node where no agent pod runs "
            + "(including Fargate and Windows nodes, where Pod Identity is not available).",
            "Install the agent: aws eks create-addon --cluster-name <cluster> --addon-name eks-pod-identity-agent. Keep workloads that "
            + "run on Fargate or Windows on IRSA.",
            inDefaultSet: true,
            AuditNeeds.ServiceAccounts | AuditNeeds.PodIdentity))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        if (!PodIdentityAuditData.Available(context))
        {
            yield break;
        }

        var data = PodIdentityAuditData.For(context);
        if (data.Associations.Count == 0)
        {
            yield break;
        }

        var state = data.State;
        if (state.AgentMissing)
        {
            yield return Finding(
                context,
                IrsaSeverity.High,
                context.ClusterName,
                "agent-missing",
                $"Cluster {context.ClusterName} has {N(data.Associations.Count)} Pod Identity association(s) ({Sample(data.Associations.Select(a => a.Namespace + "/" + a.ServiceAccount).ToList())}) but no EKS Pod Identity Agent (no DaemonSet {PodIdentitySupport.AgentNamespace}/{PodIdentitySupport.AgentName}): pods that rely on them get no credentials.",
                $"aws eks create-addon --cluster-name {context.ClusterName} --addon-name eks-pod-identity-agent",
                properties: new Dictionary<string, string> { ["Associations"] = data.Associations.Count.ToString(CultureInfo.InvariantCulture) });
            yield break;
        }

        var stranded = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var association in data.Associations)
        {
            var key = association.Namespace + "/" + association.ServiceAccount;
            if (context.Index.FindServiceAccount(association.Namespace, association.ServiceAccount)?.Irsa.RoleArn is not null)
            {
                continue; // IRSA wins there; IRSA017's finding.
            }

            foreach (var pod in data.PodsOf(key).Where(p => !p.IsFinished && p.NodeName is not null))
            {
                var node = state.Node(pod.NodeName);
                if (node is null || state.AgentRunsOn(node.Name))
                {
                    continue;
                }

                if (!stranded.TryGetValue(node.Name, out var list))
                {
                    stranded[node.Name] = list = [];
                }

                list.Add(pod.Key);
            }
        }

        foreach (var entry in stranded)
        {
            var nodeName = entry.Key;
            var pods = entry.Value;
            var kind = PodIdentitySupport.NodeKind(state.Node(nodeName)!);
            var why = kind switch
            {
                "fargate" => "a Fargate node, where Pod Identity is not available",
                "windows" => "a Windows node, where Pod Identity is not available",
                _ => "a node where no EKS Pod Identity Agent pod runs",
            };
            pods.Sort(StringComparer.Ordinal);
            yield return Finding(
                context,
                IrsaSeverity.Medium,
                nodeName,
                "node:" + nodeName,
                $"{N(pods.Count)} pod(s) that rely on a Pod Identity association ({Sample(pods)}) run on {nodeName}, {why}: they get no credentials.",
                kind is "fargate" or "windows"
                    ? "Keep these workloads on IRSA (Undo-IrsaPodIdentityMigration), or schedule them on Linux EC2 nodes."
                    : $"Check why the agent DaemonSet does not run on {nodeName} (node selector, taints, tolerations): kubectl -n kube-system get ds eks-pod-identity-agent -o yaml.",
                properties: new Dictionary<string, string> { ["Pods"] = pods.Count.ToString(CultureInfo.InvariantCulture), ["NodeKind"] = kind });
        }
    }
}
