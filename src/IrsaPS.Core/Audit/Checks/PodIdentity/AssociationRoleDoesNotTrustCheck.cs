using System.Collections.Generic;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Policy.PodIdentity;

namespace IrsaPS.Core.Audit.Checks.PodIdentity;

/// <summary>IRSA018: an association's role does not exist, or its trust does not let pods.eks.amazonaws.com assume it and tag the session.</summary>
internal sealed class AssociationRoleDoesNotTrustCheck : AuditCheck
{
    public AssociationRoleDoesNotTrustCheck()
        : base(new AuditCheckInfo(
            "IRSA018",
            "AssociationRoleDoesNotTrust",
            IrsaSeverity.High,
            "Pod Identity association's role does not trust pods.eks.amazonaws.com with both actions",
            "For every Pod Identity association whose role is in this account, the role's trust is evaluated with IAM's rules for the "
            + "request EKS Pod Identity makes: principal pods.eks.amazonaws.com, actions sts:AssumeRole and sts:TagSession, and the "
            + "association's session tags (eks-cluster-arn, kubernetes-namespace, kubernetes-service-account; none when the association "
            + "disables them). High when it is denied or the role does not exist (the pods get no credentials); Medium when a condition "
            + "cannot be decided offline (pod name or uid, aws:SourceArn).",
            "Add the statement with New-IrsaPodIdentityAssociation (it adds exactly one, scoped to the service account, without touching "
            + "the others), or Set-IrsaPodIdentityAssociation -RoleArn to a role that trusts it.",
            inDefaultSet: true,
            AuditNeeds.Roles | AuditNeeds.PodIdentity))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        var clusterArn = context.Snapshot.Cluster.Arn;
        if (!PodIdentityAuditData.Available(context) || !IsClusterArn(clusterArn) || !Validation.AccountId.IsValid(context.Snapshot.AccountId))
        {
            yield break;
        }

        foreach (var association in PodIdentityAuditData.For(context).Associations)
        {
            var arn = AuditIndex.TryParseRole(association.RoleArn);
            if (arn is null || arn.Account != context.Snapshot.AccountId)
            {
                continue;
            }

            var account = new KubeServiceAccount { Namespace = association.Namespace, Name = association.ServiceAccount };
            var role = context.Index.FindRole(arn.Name);
            var fix = $"New-IrsaPodIdentityAssociation -ClusterName {context.ClusterName} -Namespace {association.Namespace} -ServiceAccountName {association.ServiceAccount} -RoleArn {association.RoleArn}";
            if (role is null)
            {
                yield return Finding(
                    context,
                    IrsaSeverity.High,
                    account.Key,
                    association.AssociationId + ":missing",
                    $"Pod Identity association {association.AssociationId} of {account.Key} names role {association.RoleArn}, which does not exist in account {context.Snapshot.AccountId}: its pods get no credentials.",
                    $"Create the role (New-IrsaRole -PodIdentity -RoleName {arn.Name} -ClusterName {context.ClusterName} -Namespace {association.Namespace} -ServiceAccountName {association.ServiceAccount}), or point the association at an existing one.",
                    roleArn: association.RoleArn,
                    serviceAccount: account,
                    properties: new Dictionary<string, string> { ["AssociationId"] = association.AssociationId });
                continue;
            }

            if (role.Trust.Document is not { } trust)
            {
                continue; // Unparsable trusts are another check's finding.
            }

            var result = PodIdentityTrustEvaluator.Evaluate(trust, new PodIdentityRequest(context.Snapshot.AccountId, clusterArn!, association.Namespace, association.ServiceAccount, !(association.DisableSessionTags ?? false)));
            if (result.Allowed)
            {
                continue;
            }

            var undetermined = result.Decision == TrustDecision.Undetermined;
            yield return Finding(
                context,
                undetermined ? IrsaSeverity.Medium : IrsaSeverity.High,
                account.Key,
                association.AssociationId + ":" + result.Decision,
                $"Pod Identity association {association.AssociationId} of {account.Key} uses {role.Role.RoleName}, but {result.Reason}{(undetermined ? "." : ": its pods get no credentials.")}",
                fix + (association.OwnerArn is null ? string.Empty : $" (the association belongs to the add-on {association.OwnerArn}; fix the role's trust, not the association)"),
                role,
                account,
                new Dictionary<string, string> { ["AssociationId"] = association.AssociationId, ["Decision"] = result.Decision.ToString() });
        }
    }

    private static bool IsClusterArn(string? arn)
    {
        try
        {
            return arn is not null && PodIdentityTrustTarget.ParseClusterArn(arn).Length > 0;
        }
        catch (Errors.IrsaValidationException)
        {
            return false;
        }
    }
}
