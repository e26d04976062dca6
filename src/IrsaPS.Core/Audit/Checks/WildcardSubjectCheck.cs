using System.Collections.Generic;
using System.Globalization;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA002: a StringLike <c>sub</c> pattern, with how many live service accounts it matches.</summary>
internal sealed class WildcardSubjectCheck : AuditCheck
{
    public WildcardSubjectCheck()
        : base(new AuditCheckInfo(
            "IRSA002",
            "WildcardSubject",
            IrsaSeverity.Medium,
            "Role trust admits service accounts by wildcard pattern",
            "A StringLike '<issuer>:sub' condition with '*' or '?' admits every service account it matches, including ones created later. "
            + "For the audited cluster the finding says how many live service accounts match today (patterns are matched only against that "
            + "cluster's service accounts, and only in the namespace they name when the namespace is literal). Medium when the namespace is "
            + "literal (whoever can create service accounts in it gets the role); High when the pattern spans namespaces.",
            "Replace the pattern by the exact service accounts (StringEquals) that need the role: Add-IrsaRoleTrust for each, then remove the pattern.",
            inDefaultSet: true,
            AuditNeeds.Roles | AuditNeeds.ServiceAccounts))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var entry in context.Index.Roles)
        {
            var report = entry.Trust.Report;
            if (report is null)
            {
                continue;
            }

            foreach (var grant in report.Grants)
            {
                if (grant.Effect != PolicyEffect.Allow || !grant.AllowsWebIdentity || grant.PrincipalIsNegated)
                {
                    continue;
                }

                foreach (var subject in grant.Subjects)
                {
                    if (subject.Kind != SubjectMatchKind.Wildcard || !subject.IssuerIsTrusted || !context.Index.IsEksIssuer(subject.IssuerHostPath))
                    {
                        continue;
                    }

                    yield return Report(context, entry, grant, subject);
                }
            }
        }
    }

    private IrsaFinding Report(AuditContext context, AuditRoleEntry entry, IrsaGrant grant, SubjectCondition subject)
    {
        var spansNamespaces = subject.Namespace is null || KubernetesNames.HasWildcard(subject.Namespace);
        var severity = spansNamespaces ? IrsaSeverity.High : IrsaSeverity.Medium;
        var statement = TrustWithoutSubjectCheck.Name(grant);
        var discriminator = grant.StatementIndex + ":" + subject.IssuerHostPath + ":" + subject.Value;
        var properties = new Dictionary<string, string> { ["Pattern"] = subject.Value };
        string message;
        if (context.Index.IsClusterIssuer(subject.IssuerHostPath) && context.Has(AuditNeeds.ServiceAccounts))
        {
            var matches = Matches(context.Index, subject, spansNamespaces);
            properties["MatchingServiceAccounts"] = matches.Count.ToString(CultureInfo.InvariantCulture);
            var which = matches.Count == 0 ? "none today" : Sample(matches);
            message = $"{statement} of the trust policy of {entry.Role.RoleName} admits '{subject.Value}' ({subject.Operator}): {N(matches.Count)} of the {N(context.Snapshot.ServiceAccounts.Count)} service accounts of cluster {context.ClusterName} match ({which}), and so will any created later.";
        }
        else
        {
            message = $"{statement} of the trust policy of {entry.Role.RoleName} admits '{subject.Value}' ({subject.Operator}) for issuer {subject.IssuerHostPath}: every matching service account of that cluster (not audited here), including ones created later.";
        }

        return Finding(
            context,
            severity,
            entry.Role.Arn,
            discriminator,
            message,
            $"Trust the exact service accounts instead (StringEquals): Add-IrsaRoleTrust -RoleName {entry.Role.RoleName} -Namespace <namespace> -ServiceAccountName <name> for each that needs the role, then remove the pattern from the trust.",
            entry,
            properties: properties);
    }

    private static List<string> Matches(AuditIndex index, SubjectCondition subject, bool spansNamespaces)
    {
        var matches = new List<string>();
        if (!spansNamespaces)
        {
            Collect(index.ServiceAccountsIn(subject.Namespace!), subject.Value, matches);
        }
        else
        {
            var namespaces = new List<string>(index.Namespaces);
            namespaces.Sort(System.StringComparer.Ordinal);
            foreach (var ns in namespaces)
            {
                Collect(index.ServiceAccountsIn(ns), subject.Value, matches);
            }
        }

        matches.Sort(System.StringComparer.Ordinal);
        return matches;
    }

    private static void Collect(IReadOnlyList<KubeServiceAccount> accounts, string pattern, List<string> matches)
    {
        foreach (var account in accounts)
        {
            if (WildcardMatcher.IsMatch(IrsaSubject.SubjectPrefix + account.Namespace + ":" + account.Name, pattern, ignoreCase: false))
            {
                matches.Add(account.Key);
            }
        }
    }
}
