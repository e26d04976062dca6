using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA008: one role trusted by service accounts of several namespaces or clusters.</summary>
internal sealed class SharedRoleCheck : AuditCheck
{
    public SharedRoleCheck()
        : base(new AuditCheckInfo(
            "IRSA008",
            "SharedRole",
            IrsaSeverity.Medium,
            "One role trusted by service accounts of several namespaces or clusters",
            "The role's trust admits service accounts (exact or by pattern) in more than one namespace or more than one cluster: a compromise "
            + "of any of those workloads, or of anyone who may create pods in any of those namespaces, yields the same AWS permissions, and "
            + "the permissions must be the union of what all of them need. Medium: a blast-radius decision, not a bug.",
            "Give each workload (namespace, cluster) its own role with only the permissions it needs (New-IrsaRole per service account), then "
            + "remove the others from this role's trust (Remove-IrsaRoleTrust).",
            inDefaultSet: true,
            AuditNeeds.Roles))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var entry in context.Index.IrsaRoles)
        {
            var subjects = entry.Trust.Report?.Subjects.Where(s => context.Index.IsEksIssuer(s.Issuer.HostPath)).ToList();
            if (subjects is null || subjects.Count < 2)
            {
                continue;
            }

            var clusters = subjects.Select(s => s.Issuer.HostPath).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var namespaces = subjects
                .Select(s => (clusters.Count > 1 ? s.Issuer.HostPath + " " : string.Empty) + s.Namespace)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            if (clusters.Count < 2 && namespaces.Count < 2)
            {
                continue;
            }

            var where = clusters.Count > 1
                ? $"{clusters.Count} clusters ({string.Join(", ", clusters.OrderBy(c => c, StringComparer.Ordinal))})"
                : $"{namespaces.Count} namespaces ({Sample(namespaces, 5)})";
            yield return Finding(
                context,
                IrsaSeverity.Medium,
                entry.Role.Arn,
                clusters.Count > 1 ? "clusters" : "namespaces",
                $"The trust policy of {entry.Role.RoleName} admits {subjects.Count} service accounts or patterns in {where}: any of those workloads gets the same AWS permissions.",
                $"Give each workload its own role (New-IrsaRole -RoleName <role> -ClusterName <cluster> -Namespace <ns> -ServiceAccountName <sa>) with only what it needs, then Remove-IrsaRoleTrust -RoleName {entry.Role.RoleName} for the others.",
                entry,
                properties: new Dictionary<string, string>
                {
                    ["Namespaces"] = namespaces.Count.ToString(CultureInfo.InvariantCulture),
                    ["Clusters"] = clusters.Count.ToString(CultureInfo.InvariantCulture),
                });
        }
    }
}
