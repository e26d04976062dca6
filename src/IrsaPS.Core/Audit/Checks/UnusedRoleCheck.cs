using System.Collections.Generic;
using System.Globalization;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA030: an IRSA role of the cluster that IAM says was not used for N days, or never.</summary>
internal sealed class UnusedRoleCheck : AuditCheck
{
    public UnusedRoleCheck()
        : base(new AuditCheckInfo(
            "IRSA030",
            "UnusedIrsaRole",
            IrsaSeverity.Low,
            "An IRSA role of the cluster was not used for N days (default 90), or never",
            "IAM keeps each role's RoleLastUsed (the date and region its credentials were last used, over the trailing 400 days), read "
            + "with the roles themselves (GetAccountAuthorizationDetails, no call per role). A role that trusts the audited cluster's "
            + "issuer and was last used more than N days ago (-UnusedRoleDays, default 90), or was never used although it was created more "
            + "than N days ago, is a standing grant of permissions that nothing exercises: a target for whoever can create pods under "
            + "the service accounts it trusts, and cleanup that was forgotten. Low. Roles younger than N days without use, and roles of "
            + "other clusters, are not reported. RoleLastUsed comes from IAM alone; the CloudTrail checks (IRSA031-IRSA033) say which "
            + "service accounts used a role.",
            "Check what uses the role (Get-IrsaRoleActivity -RoleName <role> -Days 90, or the trail's files with -Path for longer), "
            + "then delete it (Remove-IrsaRole) or remove the service accounts that no longer need it from its trust (Remove-IrsaRoleTrust).",
            inDefaultSet: true,
            AuditNeeds.Roles | AuditNeeds.RoleLastUsed))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        if (!context.Has(Info.Needs))
        {
            yield break;
        }

        var now = context.Snapshot.TakenAt.ToUniversalTime();
        var days = context.Options.UnusedRoleDays;
        var threshold = now.AddDays(-days);
        foreach (var entry in context.Index.ClusterRoles)
        {
            var role = entry.Role;
            if (!role.LastUsedKnown)
            {
                continue;
            }

            var properties = new Dictionary<string, string> { ["UnusedRoleDays"] = days.ToString(CultureInfo.InvariantCulture) };
            if (role.LastUsed is { } last)
            {
                if (last >= threshold)
                {
                    continue;
                }

                var idle = (int)(now - last).TotalDays;
                properties["LastUsed"] = last.ToString("o", CultureInfo.InvariantCulture);
                properties["DaysUnused"] = idle.ToString(CultureInfo.InvariantCulture);
                if (role.LastUsedRegion is not null)
                {
                    properties["LastUsedRegion"] = role.LastUsedRegion;
                }

                yield return Finding(
                    context,
                    IrsaSeverity.Low,
                    role.Arn,
                    "unused",
                    $"The IRSA role {role.RoleName} was last used {N(idle)} days ago ({last:yyyy-MM-dd}{(role.LastUsedRegion is null ? string.Empty : " in " + role.LastUsedRegion)}), more than {N(days)} days: its permissions stand granted to service accounts that do not use them.",
                    $"Get-IrsaRoleActivity -RoleName {role.RoleName} -Days 90 shows who still assumes it; if nothing does, Remove-IrsaRole -RoleName {role.RoleName}.",
                    entry,
                    properties: properties);
            }
            else if (role.CreateDate is not { } created || created.ToUniversalTime() <= threshold)
            {
                var age = role.CreateDate is { } c ? (int)(now - c.ToUniversalTime()).TotalDays : (int?)null;
                if (age is { } a)
                {
                    properties["DaysSinceCreated"] = a.ToString(CultureInfo.InvariantCulture);
                }

                yield return Finding(
                    context,
                    IrsaSeverity.Low,
                    role.Arn,
                    "never",
                    $"The IRSA role {role.RoleName} has never been used (IAM has no RoleLastUsed for it) {(age is null ? "since it was created" : $"in the {N(age.Value)} days since it was created")}: its permissions stand granted to service accounts that do not use them.",
                    $"If no workload needs it, Remove-IrsaRole -RoleName {role.RoleName}; if one should, check its ServiceAccount annotation and Test-IrsaTrust -Live.",
                    entry,
                    properties: properties);
            }
        }
    }
}
