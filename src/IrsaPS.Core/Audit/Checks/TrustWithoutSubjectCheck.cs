using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA001: an Allow statement trusts an EKS issuer (or every web identity) without a <c>sub</c> condition.</summary>
internal sealed class TrustWithoutSubjectCheck : AuditCheck
{
    public TrustWithoutSubjectCheck()
        : base(new AuditCheckInfo(
            "IRSA001",
            "TrustWithoutSubject",
            IrsaSeverity.Critical,
            "Role trust admits an EKS cluster's tokens without a sub condition",
            "An Allow statement lets a cluster's OIDC provider call sts:AssumeRoleWithWebIdentity without any positive '<issuer>:sub' "
            + "condition (StringNotEquals/StringNotLike only exclude): every service account of that cluster, and every pod that can "
            + "mount a projected token, can assume the role. Critical: any workload of the cluster gets the role's permissions. "
            + "Statements whose principal is \"*\" with sts:AssumeRoleWithWebIdentity and no sub condition are reported too (any OIDC provider of the account).",
            "Add a StringEquals condition on '<issuer>:sub' listing exactly the service accounts that need the role "
            + "(New-IrsaTrustPolicy writes one), then update the role's trust.",
            inDefaultSet: true,
            AuditNeeds.Roles))
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

                var statement = Name(grant);
                var excludes = grant.Subjects.Any(s => s.Kind == SubjectMatchKind.Negated)
                    ? " Its negated sub conditions only exclude some service accounts."
                    : string.Empty;
                foreach (var issuer in grant.IssuersWithoutSubject)
                {
                    if (!context.Index.IsEksIssuer(issuer.HostPath))
                    {
                        continue;
                    }

                    var who = context.Index.IsClusterIssuer(issuer.HostPath) ? $"cluster {context.ClusterName}" : $"the cluster with issuer {issuer.Url}";
                    yield return Finding(
                        context,
                        IrsaSeverity.Critical,
                        entry.Role.Arn,
                        grant.StatementIndex + ":" + issuer.HostPath,
                        $"{statement} of the trust policy of {entry.Role.RoleName} lets {issuer.HostPath} call sts:AssumeRoleWithWebIdentity without a {issuer.SubKey} condition: any service account of {who} can assume the role.{excludes}",
                        $"Restrict {statement} to the service accounts that need the role: add a StringEquals condition on '{issuer.SubKey}' (e.g. 'system:serviceaccount:<namespace>:<name>'; New-IrsaTrustPolicy -Issuer {issuer.Url} -Namespace <namespace> -ServiceAccountName <name> writes one), then aws iam update-assume-role-policy --role-name {entry.Role.RoleName} --policy-document file://trust.json.",
                        entry);
                }

                if (grant.PrincipalIsWildcard && !grant.HasSubjectCondition)
                {
                    yield return Finding(
                        context,
                        IrsaSeverity.Critical,
                        entry.Role.Arn,
                        grant.StatementIndex + ":*",
                        $"{statement} of the trust policy of {entry.Role.RoleName} lets principal \"*\" call sts:AssumeRoleWithWebIdentity without a sub condition: a token of any OIDC provider of the account can assume the role.",
                        $"Name the cluster's OIDC provider as the Federated principal and add a StringEquals '<issuer>:sub' condition (New-IrsaTrustPolicy writes both), then update the trust of {entry.Role.RoleName}.",
                        entry);
                }
            }
        }
    }

    internal static string Name(IrsaGrant grant) =>
        string.IsNullOrEmpty(grant.Sid) ? $"statement {grant.StatementIndex}" : $"statement {grant.StatementIndex} (Sid \"{grant.Sid}\")";
}
