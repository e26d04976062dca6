using System;
using System.Collections.Generic;
using IrsaPS.Core.Models;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA013: an IRSA role's trust also lets "*" or an account root call sts:AssumeRole without conditions.</summary>
internal sealed class BroadAssumeRoleCheck : AuditCheck
{
    public BroadAssumeRoleCheck()
        : base(new AuditCheckInfo(
            "IRSA013",
            "BroadAssumeRole",
            IrsaSeverity.Critical,
            "IRSA role also assumable by \"*\" or an account root without conditions",
            "Besides its web-identity statements, the role's trust has an Allow statement without conditions that lets sts:AssumeRole be called "
            + "by \"*\" (anyone, in any account) or through NotPrincipal (Critical), by the root of another account (High: every principal "
            + "that account allows), or by the root of this account (Medium: every principal of the account whose own policy allows "
            + "sts:AssumeRole on the role). The service-account scoping of IRSA is then moot.",
            "Remove the statement, or name the exact principal and add conditions (aws:PrincipalArn, sts:ExternalId).",
            inDefaultSet: true,
            AuditNeeds.Roles))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var entry in context.Index.IrsaRoles)
        {
            var report = entry.Trust.Report;
            if (report is null || report.Grants.Count == 0)
            {
                continue;
            }

            foreach (var grant in report.UnconditionalAssumeRole)
            {
                var (severity, who) = Judge(grant.Principal, context.Snapshot.AccountId);
                var name = string.IsNullOrEmpty(grant.Sid) ? $"statement {grant.StatementIndex}" : $"statement {grant.StatementIndex} (Sid \"{grant.Sid}\")";
                yield return Finding(
                    context,
                    severity,
                    entry.Role.Arn,
                    grant.StatementIndex + ":" + grant.Principal,
                    $"Besides IRSA, {name} of the trust policy of {entry.Role.RoleName} lets {who} call {string.Join(", ", grant.Actions)} without any condition.",
                    $"Remove {name}, or name the exact principal and add a condition (aws:PrincipalArn, sts:ExternalId); then aws iam update-assume-role-policy --role-name {entry.Role.RoleName} --policy-document file://trust.json.",
                    entry,
                    properties: new Dictionary<string, string> { ["Principal"] = grant.Principal });
            }
        }
    }

    private static (IrsaSeverity Severity, string Who) Judge(string principal, string accountId)
    {
        if (principal == "*" || principal == "AWS:*" || principal.StartsWith("NotPrincipal:", StringComparison.Ordinal))
        {
            return (IrsaSeverity.Critical, principal.StartsWith("NotPrincipal:", StringComparison.Ordinal) ? "everyone not listed in NotPrincipal" : "\"*\" (anyone, in any account)");
        }

        var value = principal.StartsWith("AWS:", StringComparison.Ordinal) ? principal.Substring(4) : principal;
        var account = AccountId.IsValid(value) ? value : Arn.TryParse(value, out var arn) ? arn.Account : null;
        return account == accountId
            ? (IrsaSeverity.Medium, $"the root of this account ({value}: every principal whose policy allows it)")
            : (IrsaSeverity.High, $"the root of account {account ?? value} (every principal that account allows)");
    }
}
