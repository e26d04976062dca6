using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA032: refused AssumeRoleWithWebIdentity calls of the cluster's IRSA roles.</summary>
internal sealed class RefusedAssumptionCheck : ActivityCheck
{
    public RefusedAssumptionCheck()
        : base(new AuditCheckInfo(
            "IRSA032",
            "RefusedAssumption",
            IrsaSeverity.Medium,
            "Refused attempts to assume an IRSA role of the cluster",
            "CloudTrail records a refused AssumeRoleWithWebIdentity with its errorCode (AccessDenied, InvalidIdentityToken, "
            + "IDPRejectedClaim, ExpiredTokenException...). One finding per role and service account of the audited cluster with refused "
            + "calls in the window (-ActivityDays, default 30): Medium when the role's trust does not admit that service account (someone "
            + "tries a role they are not trusted for: a probe, or a workload pointed at the wrong role), Low when it does (the token was "
            + "refused for another reason: audience, expiry, an unregistered or mis-thumbprinted provider). Opt-in (-IncludeCloudTrail or "
            + "-Check), as it reads CloudTrail.",
            "Find the workload (the source addresses are in the finding's properties; Get-IrsaRoleActivity -RoleName <role> lists them "
            + "all); if it should use the role, admit it (Add-IrsaRoleTrust) or fix its token (Test-IrsaTrust -Live explains why it is "
            + "refused); if it should not, find out why it tries.",
            inDefaultSet: false,
            AuditNeeds.Roles | AuditNeeds.CloudTrailActivity))
    {
    }

    protected override IEnumerable<IrsaFinding> RunOnActivity(AuditContext context)
    {
        var byRole = EntriesByRole(context);
        foreach (var role in context.Index.ClusterRoles)
        {
            foreach (var entry in byRole[role.Role.Arn].Where(e => e.RefusedCount > 0))
            {
                var admitted = Admits(role, entry);
                var codes = string.Join(", ", entry.ErrorCodes.Select(c => $"{c.Key} x{c.Value.ToString(CultureInfo.InvariantCulture)}"));
                var why = admitted == true
                    ? "The trust admits it, so the token itself was refused (audience, expiry, or the OIDC provider)."
                    : "The role's trust does not admit it: someone tried a role they are not trusted for.";
                yield return Finding(
                    context,
                    admitted == true ? IrsaSeverity.Low : IrsaSeverity.Medium,
                    role.Role.Arn,
                    entry.Subject,
                    $"{entry.Subject} was refused {role.Role.RoleName} {entry.RefusedCount.ToString("N0", CultureInfo.InvariantCulture)} time(s) in the last {Days(context)} days ({codes}), last at {Time(entry.LastRefused)} from {Sample(entry.SourceAddresses.ToList())}. {why}",
                    admitted == true
                        ? $"Test-IrsaTrust -RoleArn {role.Role.Arn} -Live for that service account explains the refusal."
                        : $"Find the workload behind {Sample(entry.SourceAddresses.ToList())}; if it needs the role, Add-IrsaRoleTrust -RoleName {role.Role.RoleName}; otherwise stop it from trying.",
                    role,
                    ServiceAccountOf(context, entry.Subject),
                    new Dictionary<string, string>
                    {
                        ["Subject"] = entry.Subject,
                        ["RefusedCount"] = entry.RefusedCount.ToString(CultureInfo.InvariantCulture),
                        ["ErrorCodes"] = codes,
                        ["LastRefused"] = entry.LastRefused?.ToString("o", CultureInfo.InvariantCulture) ?? string.Empty,
                        ["SourceAddresses"] = string.Join(", ", entry.SourceAddresses),
                        ["Trusted"] = admitted is null ? "unknown" : admitted.Value ? "true" : "false",
                    });
            }
        }
    }
}
