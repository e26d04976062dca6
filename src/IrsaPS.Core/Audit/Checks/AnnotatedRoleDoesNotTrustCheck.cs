using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Verification;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA007: Test-IrsaTrust fails for an annotated service account whose role exists.</summary>
internal sealed class AnnotatedRoleDoesNotTrustCheck : AuditCheck
{
    public AnnotatedRoleDoesNotTrustCheck()
        : base(new AuditCheckInfo(
            "IRSA007",
            "AnnotatedRoleDoesNotTrust",
            IrsaSeverity.High,
            "Service account's role does not admit it (Test-IrsaTrust fails)",
            "For every service account with a role-arn annotation whose role exists in this account, the role's trust is evaluated with the "
            + "policy engine for exactly the token its pods carry (sub, aud), and the cluster's OIDC provider must exist and list the audience: "
            + "this is Test-IrsaTrust without -Live. High when it fails (the pods get AccessDenied or InvalidIdentityToken); Medium when the "
            + "answer cannot be determined offline (a condition IrsaPS cannot evaluate). Each trust is compiled once and evaluated once per "
            + "service account.",
            "Follow the fix of the first reason (usually Add-IrsaRoleTrust -RoleName <role> -ClusterName <cluster> -Namespace <ns> "
            + "-ServiceAccountName <sa>), or point the service account at a role that trusts it.",
            inDefaultSet: true,
            AuditNeeds.Roles | AuditNeeds.ServiceAccounts | AuditNeeds.OidcProviders | AuditNeeds.ProviderClientIds))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        if (context.TrustCluster is null)
        {
            yield break;
        }

        foreach (var account in context.Index.AnnotatedServiceAccounts)
        {
            var role = context.Index.RoleOfAnnotation(account, out _);
            if (role is null)
            {
                continue;
            }

            var target = TrustVerifier.Plan(context.TrustCluster, account.Namespace, account.Name, account);
            var result = TrustVerifier.Evaluate(target, role.Trust, Provider(context, target));
            if (result.Allowed)
            {
                continue;
            }

            var blocking = result.Reasons.Where(r => r.Kind != IrsaTrustReasonKind.Note).ToList();
            var failed = blocking.Any(r => r.Kind == IrsaTrustReasonKind.Failure);
            var fix = blocking.Select(r => r.Fix).FirstOrDefault(f => f is not null) ?? "Run Test-IrsaTrust for details.";
            var alternative = AnnotatedRoleMissingCheck.Alternatives(context, account, role.Role.Arn);
            yield return Finding(
                context,
                failed ? IrsaSeverity.High : IrsaSeverity.Medium,
                account.Key,
                role.Role.Arn + ":" + string.Join(",", blocking.Select(r => r.Code)),
                $"{account.Key} cannot assume {role.Role.RoleName}: " + string.Join(" ", blocking.Select(r => r.Message)),
                alternative is null ? fix : fix + " Or: " + alternative,
                role,
                account,
                new Dictionary<string, string>
                {
                    ["Reasons"] = string.Join(",", blocking.Select(r => r.Code)),
                    ["Decision"] = result.Decision ?? "NotEvaluated",
                });
        }
    }

    private static OidcProviderState? Provider(AuditContext context, TrustTarget target)
    {
        if (target.ProviderArn is null || !context.Has(AuditNeeds.OidcProviders))
        {
            return null;
        }

        var provider = context.Index.FindProvider(target.ProviderArn);
        if (provider is null)
        {
            return OidcProviderState.Missing(target.ProviderArn);
        }

        return provider.ClientIds is null ? null : OidcProviderState.Found(provider.Arn, provider.ClientIds);
    }
}
