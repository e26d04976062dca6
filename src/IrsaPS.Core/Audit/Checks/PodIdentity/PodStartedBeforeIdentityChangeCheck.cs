using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations.PodIdentity;

namespace IrsaPS.Core.Audit.Checks.PodIdentity;

/// <summary>IRSA021: running pods whose credentials are not what new pods of their service account get (created before the association or annotation changed).</summary>
internal sealed class PodStartedBeforeIdentityChangeCheck : AuditCheck
{
    public PodStartedBeforeIdentityChangeCheck()
        : base(new AuditCheckInfo(
            "IRSA021",
            "PodStartedBeforeIdentityChange",
            IrsaSeverity.Medium,
            "Pods still run with the credentials their service account had before its association or annotation changed",
            "Webhooks set a pod's credential environment only when it is created. For every service account with an IRSA annotation or "
            + "a Pod Identity association, running pods whose environment gives other credentials than new pods get (Pod Identity's "
            + "while the annotation is back, web identity after the association replaced it, nothing while an association exists, "
            + "another AWS_ROLE_ARN) still run with the old identity. Medium; pods of an annotated service account without any IRSA "
            + "environment are IRSA012's. Reported once per workload.",
            "Restart the workload (kubectl rollout restart ...). Get-IrsaWorkloadIdentity lists the pods to restart.",
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
        foreach (var account in context.Snapshot.ServiceAccounts.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            data.ByServiceAccount.TryGetValue(account.Key, out var association);
            if (account.Irsa.RoleArn is null && association is null)
            {
                continue;
            }

            var pods = data.PodsOf(account.Key);
            var view = WorkloadIdentityView.Create(context.ClusterName, account, association, pods, null, null);
            var stale = view.Pods
                .Where(p => p.NeedsRestart && !(view.NewPods == IrsaCredentialSource.Irsa && p.Credentials == IrsaCredentialSource.None))
                .Select(p => pods.First(x => x.Name == p.Name))
                .ToList();
            foreach (var group in stale.GroupBy(Workload, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = group.First();
                var has = WorkloadIdentityView.SourceOf(first);
                yield return Finding(
                    context,
                    IrsaSeverity.Medium,
                    group.Key,
                    account.Key + ":" + view.NewPods + ":" + view.RoleArn,
                    $"{N(group.Count())} pod(s) of {group.Key} ({Sample(group.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList())}) run as {account.Key} with {Describe(has, first.AwsRoleArn)}, but new pods get {Describe(view.NewPods, view.RoleArn)}: they were created before the service account's {(association is null ? "annotation" : "association or annotation")} changed.",
                    "Recreate them: " + PodWorkloads.Restart(first) + ".",
                    roleArn: view.RoleArn,
                    serviceAccount: account,
                    properties: new Dictionary<string, string> { ["Pods"] = group.Count().ToString(CultureInfo.InvariantCulture), ["Credentials"] = has.ToString(), ["NewPods"] = view.NewPods.ToString() });
            }
        }
    }

    private static string Describe(IrsaCredentialSource source, string? role) => source switch
    {
        IrsaCredentialSource.Irsa => $"IRSA ({role ?? "AWS_ROLE_ARN from a reference"})",
        IrsaCredentialSource.PodIdentity => $"Pod Identity{(role is null ? string.Empty : $" ({role})")}",
        IrsaCredentialSource.EnvironmentKeys => "static keys",
        _ => "no IRSA or Pod Identity credentials",
    };

    private static string Workload(KubePod pod) =>
        pod.OwnerKind is null || pod.OwnerName is null ? pod.Key : pod.Namespace + "/" + pod.OwnerKind + "/" + pod.OwnerName;
}
