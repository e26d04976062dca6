using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>
/// IRSA011: pods of IRSA service accounts that can reach the node's instance role — on the host network (here), or off it
/// through an instance metadata service that is open to pods (HostNetworkPodCheck.Imds.cs).
/// </summary>
internal sealed partial class HostNetworkPodCheck : AuditCheck
{
    public HostNetworkPodCheck()
        : base(new AuditCheckInfo(
            "IRSA011",
            "HostNetworkIrsaPod",
            IrsaSeverity.High,
            "Pods of IRSA service accounts can reach the node's instance role (host network, or IMDS open to pods)",
            "IRSA gives a pod its own role, but a pod that can also read the node's instance metadata service (169.254.169.254) can take "
            + "the node role's credentials too, and the isolation IRSA is used for does not hold (High). A pod with hostNetwork: true shares "
            + "the node's network namespace and reaches IMDS whatever its options: reported once per workload. A pod off the host network "
            + "reaches it when the node's EC2 instance has the metadata endpoint enabled and an instance profile, and allows IMDSv1 "
            + "(HttpTokens=optional) or lets IMDSv2 tokens cross the extra hop to the pod network (HttpPutResponseHopLimit of 2 or more): "
            + "reported once per instance, with how many IRSA pods and service accounts run there, from the nodes' provider ids and EC2 "
            + "DescribeInstances. Not reported: IMDSv2 required with a hop limit of 1, the endpoint disabled, instances without an instance "
            + "profile, Fargate and hybrid nodes, finished pods, pods of service accounts without the role annotation. Nodes whose instance "
            + "cannot be judged (not found, another account or region) are listed in one Info finding; when ec2:DescribeInstances or "
            + "listing nodes is denied, one Info finding says the IMDS half was not checked and the audit goes on. A NetworkPolicy or "
            + "iptables rule that blocks 169.254.169.254 for pods is not visible to the audit.",
            "Run workloads off the host network, and make the nodes require IMDSv2 with a hop limit of 1 (launch template MetadataOptions "
            + "HttpTokens=required, HttpPutResponseHopLimit=1), or block 169.254.169.254 for pods; keep the node role minimal either way.",
            inDefaultSet: true,
            AuditNeeds.ServiceAccounts | AuditNeeds.Pods | AuditNeeds.NodeInstances))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context) => HostNetworkFindings(context).Concat(ImdsFindings(context));

    private IEnumerable<IrsaFinding> HostNetworkFindings(AuditContext context)
    {
        foreach (var account in context.Index.AnnotatedServiceAccounts)
        {
            var pods = context.Index.PodsOf(account).Where(p => p.HostNetwork && !IsFinished(p));
            foreach (var (resource, group) in PodWorkloads.Group(pods))
            {
                var names = group.Select(p => p.Name).ToList();
                yield return Finding(
                    context,
                    IrsaSeverity.High,
                    resource,
                    account.Key,
                    $"{N(group.Count)} pod(s) of {resource} ({Sample(names)}) use hostNetwork: true and run as {account.Key}, which has the IRSA role {account.Irsa.RoleArn}: on the host network they can also read the node's instance-role credentials from IMDS.",
                    "Remove hostNetwork: true from the workload's pod template, then " + PodWorkloads.Restart(group[0]) + ". If it must stay on the host network, keep the node role minimal.",
                    roleArn: account.Irsa.RoleArn?.Trim(),
                    serviceAccount: account,
                    properties: new Dictionary<string, string> { ["Pods"] = group.Count.ToString(CultureInfo.InvariantCulture) });
            }
        }
    }
}
