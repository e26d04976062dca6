using System.Collections.Generic;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks.PodIdentity;

/// <summary>IRSA017: a service account has both the IRSA annotation and a Pod Identity association; the annotation wins.</summary>
internal sealed class AnnotationShadowsAssociationCheck : AuditCheck
{
    public AnnotationShadowsAssociationCheck()
        : base(new AuditCheckInfo(
            "IRSA017",
            "AnnotationShadowsAssociation",
            IrsaSeverity.Medium,
            "IRSA annotation shadows the service account's Pod Identity association",
            "The service account has the eks.amazonaws.com/role-arn annotation and an EKS Pod Identity association. New pods get both "
            + "environments, and the AWS SDKs try web identity before container credentials, so they use the annotation's role: the "
            + "association is never used, though it looks active (a half-done migration, e.g. eksctl's). Medium: the pods' permissions "
            + "are not the ones the association shows.",
            "Finish the move with Start-IrsaPodIdentityMigration (it removes the annotation, keeps the trust, and can be undone), or "
            + "delete the association if the service account should stay on IRSA.",
            inDefaultSet: true,
            AuditNeeds.ServiceAccounts | AuditNeeds.PodIdentity))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        if (!PodIdentityAuditData.Available(context))
        {
            yield break;
        }

        var data = PodIdentityAuditData.For(context);
        foreach (var account in context.Index.AnnotatedServiceAccounts)
        {
            if (!data.ByServiceAccount.TryGetValue(account.Key, out var association))
            {
                continue;
            }

            var annotated = account.Irsa.RoleArn!.Trim();
            var same = string.Equals(annotated, association.RoleArn, System.StringComparison.Ordinal);
            yield return Finding(
                context,
                IrsaSeverity.Medium,
                account.Key,
                association.AssociationId,
                $"{account.Key} is annotated with {annotated} and has Pod Identity association {association.AssociationId} ({association.RoleArn}{(same ? ", the same role" : ", another role")}); the SDKs try web identity first, so its pods use IRSA and the association is not used.",
                $"Start-IrsaPodIdentityMigration -ClusterName {context.ClusterName} -Namespace {account.Namespace} -ServiceAccountName {account.Name} (removes the annotation; restart the pods), or Remove-IrsaPodIdentityAssociation -ClusterName {context.ClusterName} -AssociationId {association.AssociationId} to stay on IRSA.",
                roleArn: annotated,
                serviceAccount: account,
                properties: new Dictionary<string, string> { ["AssociationId"] = association.AssociationId, ["AssociationRoleArn"] = association.RoleArn });
        }
    }
}
