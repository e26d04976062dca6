using System.Collections.Generic;
using System.Globalization;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA010: the account's OIDC providers near the limit of 100.</summary>
internal sealed class OidcProviderLimitCheck : AuditCheck
{
    /// <summary>IAM's default quota of OIDC identity providers per account.</summary>
    public const int Limit = 100;

    public OidcProviderLimitCheck()
        : base(new AuditCheckInfo(
            "IRSA010",
            "OidcProviderLimit",
            IrsaSeverity.Medium,
            "OIDC providers near the account limit of 100",
            "Every EKS cluster that uses IRSA needs its own IAM OIDC provider, and an account has at most 100 by default. Medium from 80: "
            + "plan the cleanup or a quota increase; High at 100: registering the next cluster fails with LimitExceeded.",
            "Delete the providers of clusters that no longer exist (see IRSA005), or ask for a quota increase.",
            inDefaultSet: true,
            AuditNeeds.OidcProviders))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        var count = context.Snapshot.OidcProviders.Count;
        if (count < Limit * 8 / 10)
        {
            yield break;
        }

        var severity = count >= Limit ? IrsaSeverity.High : IrsaSeverity.Medium;
        var resource = $"arn:{context.Snapshot.Partition}:iam::{context.Snapshot.AccountId}:root";
        yield return Finding(
            context,
            severity,
            resource,
            severity.ToString(),
            count >= Limit
                ? $"Account {context.Snapshot.AccountId} has {N(count)} IAM OIDC providers, the limit of {N(Limit)}: Register-IrsaOidcProvider for another cluster fails with LimitExceeded."
                : $"Account {context.Snapshot.AccountId} has {N(count)} IAM OIDC providers, {(count * 100 / Limit).ToString(CultureInfo.InvariantCulture)}% of the limit of {N(Limit)}.",
            "Delete the providers of deleted clusters (aws iam list-open-id-connect-providers; aws iam delete-open-id-connect-provider --open-id-connect-provider-arn <arn>), or request a higher quota.",
            properties: new Dictionary<string, string> { ["Count"] = count.ToString(CultureInfo.InvariantCulture) });
    }
}
