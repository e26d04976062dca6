using System;
using System.Collections.Generic;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.PodIdentity;

namespace IrsaPS.Core.Audit.Checks.PodIdentity;

/// <summary>IRSA019: a role trusts pods.eks.amazonaws.com with no condition that pins the account or the cluster.</summary>
internal sealed class PodIdentityTrustNotPinnedCheck : AuditCheck
{
    public PodIdentityTrustNotPinnedCheck()
        : base(new AuditCheckInfo(
            "IRSA019",
            "PodIdentityTrustNotPinned",
            IrsaSeverity.Medium,
            "Pod Identity trust without a condition that pins the account or the cluster",
            "An Allow statement names the service pods.eks.amazonaws.com but has no condition that pins the account (aws:SourceAccount, "
            + "aws:SourceArn) or the cluster (aws:RequestTag/eks-cluster-arn or eks-cluster-name) to literal values. Then any Pod Identity "
            + "association, in any cluster, whose creator may pass the role (iam:PassRole) gets its credentials: the trust no longer says "
            + "which workloads may use the role. Medium. Statements whose principal is \"*\" are IRSA013's.",
            "Scope the statement: condition on aws:RequestTag/eks-cluster-arn (and kubernetes-namespace / kubernetes-service-account), or "
            + "at least aws:SourceAccount. New-IrsaPodIdentityAssociation writes such a statement (-TrustScope ServiceAccount or Cluster).",
            inDefaultSet: true,
            AuditNeeds.Roles))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var role in context.Index.Roles)
        {
            if (role.Trust.Document is not { } trust)
            {
                continue;
            }

            for (var i = 0; i < trust.Statements.Count; i++)
            {
                var statement = trust.Statements[i];
                if (!NamesServiceExplicitly(statement) || PodIdentityTrustPolicy.PinsAccountOrCluster(statement))
                {
                    continue;
                }

                var name = string.IsNullOrEmpty(statement.Sid) ? $"statement {i}" : $"statement {i} (Sid \"{statement.Sid}\")";
                yield return Finding(
                    context,
                    IrsaSeverity.Medium,
                    role.Role.Arn,
                    i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + statement.Sid,
                    $"{name} of the trust of {role.Role.RoleName} lets {PodIdentityTrustPolicy.ServicePrincipal} assume it without pinning the account or cluster: any Pod Identity association that names the role gets its credentials.",
                    $"Add a condition to {name}, e.g. \"StringEquals\": {{\"aws:RequestTag/eks-cluster-arn\": \"<cluster ARN>\", \"aws:RequestTag/kubernetes-namespace\": \"<namespace>\", \"aws:RequestTag/kubernetes-service-account\": \"<name>\"}} (or at least \"aws:SourceAccount\": \"{context.Snapshot.AccountId}\").",
                    role,
                    properties: new Dictionary<string, string> { ["Statement"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }
        }
    }

    private static bool NamesServiceExplicitly(PolicyStatement statement)
    {
        if (statement.Effect != PolicyEffect.Allow || statement.Principal is null || statement.Principal.IsWildcard)
        {
            return false;
        }

        foreach (var service in statement.Principal.Get(PolicyPrincipal.Service) ?? new PolicyValueList())
        {
            if (string.Equals(service, PodIdentityTrustPolicy.ServicePrincipal, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
