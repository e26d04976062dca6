using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA011: pods with hostNetwork: true that run as an IRSA service account.</summary>
internal sealed class HostNetworkPodCheck : AuditCheck
{
    public HostNetworkPodCheck()
        : base(new AuditCheckInfo(
            "IRSA011",
            "HostNetworkIrsaPod",
            IrsaSeverity.High,
            "Pods on the host network use an IRSA service account (and can reach the node's role)",
            "A pod with hostNetwork: true shares the node's network namespace, so it reaches the instance metadata service "
            + "(169.254.169.254) directly and can take the node's instance-role credentials whatever the IMDS hop limit: the isolation IRSA is "
            + "used for does not hold (High). Reported once per workload. Not covered (yet): pods without hostNetwork on nodes whose IMDS allows "
            + "IMDSv1 or a hop limit of 2 or more, which needs EC2 DescribeInstances; see docs/performance.md.",
            "Run the workload without hostNetwork; if it really needs the host network, assume the node role's permissions are exposed to it "
            + "and keep that role minimal.",
            inDefaultSet: true,
            AuditNeeds.ServiceAccounts | AuditNeeds.Pods))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
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
