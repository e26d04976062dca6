using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA033: an IRSA role assumed in the window by a service account that no longer exists in the cluster.</summary>
internal sealed class DeletedServiceAccountAssumptionCheck : ActivityCheck
{
    public DeletedServiceAccountAssumptionCheck()
        : base(new AuditCheckInfo(
            "IRSA033",
            "DeletedServiceAccountAssumption",
            IrsaSeverity.Medium,
            "A role was assumed by a service account that no longer exists in the cluster",
            "CloudTrail's successful AssumeRoleWithWebIdentity events of the window (-ActivityDays, default 30) whose token was issued by "
            + "the audited cluster for a service account (system:serviceaccount:<namespace>:<name>) that is not in the cluster any more. "
            + "Either the service account was deleted after its last use and the role's trust still admits its name (anyone who creates a "
            + "service account of that name gets the role), or its tokens were used after it was deleted. Medium. Opt-in "
            + "(-IncludeCloudTrail or -Check), as it reads CloudTrail.",
            "Remove the name from the role's trust (Remove-IrsaRoleTrust -RoleName <role> -ClusterName <cluster> -ServiceAccountName "
            + "<namespace>/<name>); if the last assumption is after the service account was deleted, find out who held its token.",
            inDefaultSet: false,
            AuditNeeds.Roles | AuditNeeds.ServiceAccounts | AuditNeeds.CloudTrailActivity))
    {
    }

    protected override IEnumerable<IrsaFinding> RunOnActivity(AuditContext context)
    {
        var byRole = EntriesByRole(context);
        foreach (var role in context.Index.ClusterRoles)
        {
            foreach (var entry in byRole[role.Role.Arn].Where(e => e.AssumeCount > 0))
            {
                if (!IrsaSubject.TryParseSubjectValue(entry.Subject, out var ns, out var name) || context.Index.FindServiceAccount(ns, name) is not null)
                {
                    continue;
                }

                yield return Finding(
                    context,
                    IrsaSeverity.Medium,
                    role.Role.Arn,
                    entry.Subject,
                    $"{ns}/{name} assumed {role.Role.RoleName} {entry.AssumeCount.ToString("N0", CultureInfo.InvariantCulture)} time(s) in the last {Days(context)} days (last at {Time(entry.LastAssumed)}), but there is no service account {ns}/{name} in cluster {context.ClusterName} any more.",
                    $"Remove-IrsaRoleTrust -RoleName {role.Role.RoleName} -ClusterName {context.ClusterName} -ServiceAccountName {ns}/{name}; if {Time(entry.LastAssumed)} is after the service account was deleted, find out who held its token.",
                    role,
                    ServiceAccountOf(context, entry.Subject),
                    new Dictionary<string, string>
                    {
                        ["Subject"] = entry.Subject,
                        ["AssumeCount"] = entry.AssumeCount.ToString(CultureInfo.InvariantCulture),
                        ["LastAssumed"] = entry.LastAssumed?.ToString("o", CultureInfo.InvariantCulture) ?? string.Empty,
                        ["SourceAddresses"] = string.Join(", ", entry.SourceAddresses),
                    });
            }
        }
    }
}
