using System.Collections.Generic;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks.PodIdentity;

/// <summary>IRSA020: a Pod Identity association for a namespace or service account that does not exist.</summary>
internal sealed class AssociationWithoutServiceAccountCheck : AuditCheck
{
    public AssociationWithoutServiceAccountCheck()
        : base(new AuditCheckInfo(
            "IRSA020",
            "AssociationWithoutServiceAccount",
            IrsaSeverity.Medium,
            "Pod Identity association for a namespace or service account that does not exist",
            "The association names a namespace or service account the cluster does not have. Nothing uses it now, but whoever creates "
            + "that service account (anyone allowed to create service accounts in the namespace, or the namespace) gets the role at once: "
            + "a latent grant left behind by a deleted workload, or a typo. Medium; Low when an EKS add-on owns the association (the "
            + "add-on creates the service account).",
            "Delete the association (Remove-IrsaPodIdentityAssociation), or fix the name it should have.",
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

        foreach (var association in PodIdentityAuditData.For(context).Associations)
        {
            if (context.Index.FindServiceAccount(association.Namespace, association.ServiceAccount) is not null)
            {
                continue;
            }

            var noNamespace = context.Index.ServiceAccountsIn(association.Namespace).Count == 0;
            var key = association.Namespace + "/" + association.ServiceAccount;
            var what = noNamespace ? $"namespace {association.Namespace} does not exist" : $"service account {key} does not exist";
            yield return Finding(
                context,
                association.OwnerArn is null ? IrsaSeverity.Medium : IrsaSeverity.Low,
                key,
                association.AssociationId,
                $"Pod Identity association {association.AssociationId} gives {association.RoleArn} to {key}, but {what}: whoever creates it gets the role.",
                association.OwnerArn is null
                    ? $"Remove-IrsaPodIdentityAssociation -ClusterName {context.ClusterName} -AssociationId {association.AssociationId}"
                    : $"The add-on {association.OwnerArn} owns it: check the add-on's installation (aws eks describe-addon).",
                roleArn: association.RoleArn,
                serviceAccount: new KubeServiceAccount { Namespace = association.Namespace, Name = association.ServiceAccount },
                properties: new Dictionary<string, string> { ["AssociationId"] = association.AssociationId, ["Missing"] = noNamespace ? "Namespace" : "ServiceAccount" });
        }
    }
}
