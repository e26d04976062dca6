using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA003: an IRSA statement without an <c>aud</c> condition, or whose <c>aud</c> is not the audience in use.</summary>
internal sealed class AudienceCheck : AuditCheck
{
    public AudienceCheck()
        : base(new AuditCheckInfo(
            "IRSA003",
            "AudienceMismatch",
            IrsaSeverity.High,
            "Role trust has no aud condition, or not the audience its service accounts use",
            "High when the '<issuer>:aud' condition of the audited cluster's statements does not admit the audience the role's service accounts "
            + "use (their eks.amazonaws.com/audience annotation, else sts.amazonaws.com; sts.amazonaws.com for a role no service account uses): "
            + "their pods get AccessDenied. Low when an IRSA statement of an EKS issuer has no aud condition at all: STS still checks the token's "
            + "audience against the OIDC provider's client ids, so the risk is limited to providers listing several audiences.",
            "Make the trust's '<issuer>:aud' condition list the audience the service accounts use (New-IrsaTrustPolicy -Audience), or annotate "
            + "the service accounts with the audience the trust expects (Set-IrsaServiceAccount -Audience).",
            inDefaultSet: true,
            AuditNeeds.Roles | AuditNeeds.ServiceAccounts))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var entry in context.Index.Roles)
        {
            var report = entry.Trust.Report;
            var document = entry.Trust.Document;
            if (report is null || document is null)
            {
                continue;
            }

            var clusterGrants = new List<List<(Policy.Evaluation.ConditionOperator, IReadOnlyList<string>)>>();
            foreach (var grant in report.Grants)
            {
                if (grant.Effect != PolicyEffect.Allow || !grant.AllowsWebIdentity || grant.PrincipalIsNegated)
                {
                    continue;
                }

                foreach (var issuer in grant.Issuers)
                {
                    var conditions = TrustConditions.AudienceConditions(document.Statements[grant.StatementIndex], issuer.AudKey);
                    if (context.Index.IsClusterIssuer(issuer.HostPath))
                    {
                        clusterGrants.Add(conditions);
                    }

                    if (conditions.Count == 0 && grant.HasSubjectCondition && context.Index.IsEksIssuer(issuer.HostPath))
                    {
                        yield return Missing(context, entry, grant, issuer);
                    }
                }
            }

            if (clusterGrants.Count > 0 && context.Has(AuditNeeds.ServiceAccounts))
            {
                foreach (var finding in NotInUse(context, entry, clusterGrants))
                {
                    yield return finding;
                }
            }
        }
    }

    private IrsaFinding Missing(AuditContext context, AuditRoleEntry entry, IrsaGrant grant, OidcIssuer issuer)
    {
        var statement = TrustWithoutSubjectCheck.Name(grant);
        return Finding(
            context,
            IrsaSeverity.Low,
            entry.Role.Arn,
            "missing:" + grant.StatementIndex + ":" + issuer.HostPath,
            $"{statement} of the trust policy of {entry.Role.RoleName} trusts {issuer.HostPath} without a {issuer.AudKey} condition: a token of an admitted service account minted for any audience the OIDC provider lists is accepted.",
            $"Add \"{issuer.AudKey}\": \"{IrsaSubject.DefaultAudience}\" to the statement's StringEquals condition (New-IrsaTrustPolicy always writes it), then aws iam update-assume-role-policy --role-name {entry.Role.RoleName} --policy-document file://trust.json.",
            entry);
    }

    private IEnumerable<IrsaFinding> NotInUse(AuditContext context, AuditRoleEntry entry, List<List<(Policy.Evaluation.ConditionOperator Operator, IReadOnlyList<string> Values)>> grants)
    {
        var users = context.Index.ServiceAccountsAnnotatedWith(entry.Role.Arn);
        var inUse = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var account in users)
        {
            var audience = account.Irsa.Audience ?? IrsaSubject.DefaultAudience;
            if (!inUse.TryGetValue(audience, out var list))
            {
                list = [];
                inUse.Add(audience, list);
            }

            list.Add(account.Key);
        }

        if (inUse.Count == 0)
        {
            inUse.Add(IrsaSubject.DefaultAudience, []);
        }

        var admitted = grants.SelectMany(g => g.SelectMany(c => c.Values)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var pair in inUse)
        {
            if (grants.Any(conditions => TrustConditions.Admits(conditions, pair.Key)))
            {
                continue;
            }

            var who = pair.Value.Count == 0
                ? $"the default audience '{pair.Key}' (no service account uses the role yet)"
                : $"'{pair.Key}', the audience of {Sample(pair.Value.OrderBy(k => k, StringComparer.Ordinal).ToList())}";
            var example = users.FirstOrDefault(u => (u.Irsa.Audience ?? IrsaSubject.DefaultAudience) == pair.Key);
            var fix = admitted.Count > 0 && example is not null
                ? $" or annotate the service accounts with a trusted audience: Set-IrsaServiceAccount -Namespace {example.Namespace} -ServiceAccountName {example.Name} -Audience {admitted[0]}"
                : string.Empty;
            yield return Finding(
                context,
                IrsaSeverity.High,
                entry.Role.Arn,
                "unused:" + pair.Key,
                $"The trust policy of {entry.Role.RoleName} admits only the audience(s) {string.Join(", ", admitted.Select(a => "'" + a + "'"))} for cluster {context.ClusterName}, not {who}: their pods get AccessDenied.",
                $"Admit '{pair.Key}' in the trust's {context.Index.ClusterIssuer!.AudKey} condition{fix}.",
                entry,
                properties: new Dictionary<string, string> { ["Audience"] = pair.Key });
        }
    }
}
