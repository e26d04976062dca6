using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA012: pods created before their service account's annotation (no AWS_ROLE_ARN, or another one): <see cref="PodRestart"/>'s rule.</summary>
internal sealed class PodWithoutIrsaEnvCheck : AuditCheck
{
    public PodWithoutIrsaEnvCheck()
        : base(new AuditCheckInfo(
            "IRSA012",
            "PodStartedBeforeAnnotation",
            IrsaSeverity.Medium,
            "Pods created before their service account's role annotation",
            "The pod identity webhook injects AWS_ROLE_ARN and the token only when a pod is created, so pods created before the service "
            + "account got (or changed) its eks.amazonaws.com/role-arn annotation have no AWS_ROLE_ARN, or the old one: they still run with the "
            + "node's instance role (or the previous role). Medium: the workload silently uses other permissions than intended. Finished pods "
            + "are ignored; reported once per workload.",
            "Restart the workload so its pods are created again with the annotation (kubectl rollout restart ...).",
            inDefaultSet: true,
            AuditNeeds.ServiceAccounts | AuditNeeds.Pods))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var account in context.Index.AnnotatedServiceAccounts)
        {
            var expected = account.Irsa.RoleArn!.Trim();
            var stale = context.Index.PodsOf(account).Where(p => PodRestart.IsNeeded(p, expected));
            foreach (var (resource, group) in PodWorkloads.Group(stale))
            {
                var names = group.Select(p => p.Name).ToList();
                var other = group.Select(p => p.AwsRoleArn).FirstOrDefault(a => a is not null);
                var what = other is null
                    ? "have no AWS_ROLE_ARN (they were created before the annotation): they run with the node's instance role"
                    : $"have AWS_ROLE_ARN={other} (created before the annotation changed): they run with that role";
                yield return Finding(
                    context,
                    IrsaSeverity.Medium,
                    resource,
                    account.Key + ":" + expected,
                    $"{N(group.Count)} pod(s) of {resource} ({Sample(names)}) run as {account.Key}, which is annotated with {expected}, but {what}.",
                    "Recreate them: " + PodWorkloads.Restart(group[0]) + ".",
                    roleArn: expected,
                    serviceAccount: account,
                    properties: new Dictionary<string, string> { ["Pods"] = group.Count.ToString(CultureInfo.InvariantCulture) });
            }
        }
    }
}
