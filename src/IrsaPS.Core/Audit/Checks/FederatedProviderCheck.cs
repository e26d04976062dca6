using System;
using System.Collections.Generic;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA005: a Federated principal names an OIDC provider that does not exist, or the issuer of a deleted cluster.</summary>
internal sealed class FederatedProviderCheck : AuditCheck
{
    public FederatedProviderCheck()
        : base(new AuditCheckInfo(
            "IRSA005",
            "FederatedProviderMissing",
            IrsaSeverity.High,
            "Role trust names an OIDC provider that does not exist, or a deleted cluster's issuer",
            "High when a trust statement's Federated principal is an OIDC provider ARN of this account that does not exist: STS cannot "
            + "validate those tokens, so the statement can never be used (the cluster's pods get InvalidIdentityToken). Low when the provider "
            + "names the issuer of an EKS cluster that no longer exists in its region (only regions whose cluster list was read are judged; "
            + "EKS never reuses issuer ids, so the trust is dead weight that counts against the trust-policy size quota). Providers of other "
            + "accounts cannot be seen from here and are not judged.",
            "Register the provider (Register-IrsaOidcProvider -ClusterName <cluster>) if the cluster exists; otherwise remove the statement or "
            + "the cluster from the trust (Remove-IrsaRoleTrust -RoleName <role> -ClusterName <cluster>, or edit the trust).",
            inDefaultSet: true,
            AuditNeeds.Roles | AuditNeeds.OidcProviders | AuditNeeds.OtherClusters))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        var providersKnown = context.Has(AuditNeeds.OidcProviders);
        var clustersKnown = context.Has(AuditNeeds.OtherClusters);
        var regions = new HashSet<string>(context.Snapshot.ClusterRegionsQueried, StringComparer.Ordinal);
        foreach (var entry in context.Index.Roles)
        {
            var report = entry.Trust.Report;
            if (report is null)
            {
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var grant in report.Grants)
            {
                if (grant.Effect != PolicyEffect.Allow || grant.PrincipalIsNegated)
                {
                    continue;
                }

                for (var i = 0; i < grant.ProviderArns.Count; i++)
                {
                    var providerArn = grant.ProviderArns[i];
                    var issuer = grant.Issuers[i];
                    if (!context.Index.IsEksIssuer(issuer.HostPath) || !seen.Add(providerArn) || !Arn.TryParse(providerArn, out var arn) || arn.Account != context.Snapshot.AccountId)
                    {
                        continue;
                    }

                    if (providersKnown && context.Index.FindProvider(providerArn) is null)
                    {
                        var cluster = context.Index.IsClusterIssuer(issuer.HostPath) ? context.ClusterName : "<cluster>";
                        yield return Finding(
                            context,
                            IrsaSeverity.High,
                            entry.Role.Arn,
                            "missing:" + providerArn,
                            $"The trust policy of {entry.Role.RoleName} names the OIDC provider {providerArn}, which does not exist in account {arn.Account}: tokens of that issuer are rejected (InvalidIdentityToken), so {TrustWithoutSubjectCheck.Name(grant)} can never be used.",
                            $"If the cluster exists, register its provider: Register-IrsaOidcProvider -ClusterName {cluster}. Otherwise remove it from the trust: Remove-IrsaRoleTrust -RoleName {entry.Role.RoleName} -ClusterName {cluster}.",
                            entry,
                            properties: new Dictionary<string, string> { ["ProviderArn"] = providerArn });
                    }

                    var region = RegionOf(issuer.HostPath);
                    if (clustersKnown && region is not null && regions.Contains(region) && !context.Index.IsEksIssuer(issuer.HostPath, knownClustersOnly: true))
                    {
                        yield return Finding(
                            context,
                            IrsaSeverity.Low,
                            entry.Role.Arn,
                            "stale:" + issuer.HostPath,
                            $"The trust policy of {entry.Role.RoleName} trusts the issuer {issuer.Url}, which belongs to no EKS cluster in {region}: the cluster was deleted, and the statement is dead weight.",
                            $"Remove the issuer from the trust (edit {TrustWithoutSubjectCheck.Name(grant)}, or Remove-IrsaRoleTrust -RoleName {entry.Role.RoleName} for that cluster), and delete the provider {providerArn} if nothing else uses it.",
                            entry,
                            properties: new Dictionary<string, string> { ["Issuer"] = issuer.Url });
                    }
                }
            }
        }
    }

    /// <summary><c>oidc.eks.us-east-1.amazonaws.com/id/X</c> → <c>us-east-1</c> (every EKS issuer form, see <see cref="EksIssuerHost"/>); null for other issuers.</summary>
    internal static string? RegionOf(string hostPath) => EksIssuerHost.TryGetRegion(hostPath, out var region) ? region : null;
}
