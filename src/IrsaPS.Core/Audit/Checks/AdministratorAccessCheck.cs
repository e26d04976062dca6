using System;
using System.Collections.Generic;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA015: IRSA roles of the cluster with administrator access (AdministratorAccess, or an inline "*" on "*").</summary>
internal sealed class AdministratorAccessCheck : AuditCheck
{
    private const string AdministratorAccess = ":iam::aws:policy/AdministratorAccess";

    public AdministratorAccessCheck()
        : base(new AuditCheckInfo(
            "IRSA015",
            "AdministratorAccess",
            IrsaSeverity.Critical,
            "IRSA role with administrator access",
            "An IRSA role of the audited cluster has the AWS-managed AdministratorAccess policy attached, or an inline or customer-managed "
            + "policy that allows Action \"*\" (or \"*:*\") on Resource \"*\" without conditions: whoever runs a pod as one of its service "
            + "accounts owns the account (Critical). Roles and policies are read with GetAccountAuthorizationDetails (roles and "
            + "customer-managed policies, paged), never with calls per role.",
            "Detach the policy and grant only what the workload needs: aws iam detach-role-policy --role-name <role> --policy-arn <arn>, "
            + "aws iam delete-role-policy --role-name <role> --policy-name <name>.",
            inDefaultSet: true,
            AuditNeeds.Roles | AuditNeeds.RolePolicies))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var entry in context.Index.ClusterRoles)
        {
            var role = entry.Role;
            foreach (var policyArn in role.AttachedPolicyArns ?? [])
            {
                var managed = context.Snapshot.ManagedPolicyDocuments.TryGetValue(policyArn, out var document) && AllowsEverything(document);
                if ((policyArn.EndsWith(AdministratorAccess, StringComparison.Ordinal) && policyArn.StartsWith("arn:", StringComparison.Ordinal)) || managed)
                {
                    yield return Finding(
                        context,
                        IrsaSeverity.Critical,
                        role.Arn,
                        "managed:" + policyArn,
                        $"The IRSA role {role.RoleName} (trusted by cluster {context.ClusterName}) has {policyArn} attached{(managed ? ", which allows \"*\" on \"*\"" : string.Empty)}: its service accounts' pods can do anything in the account.",
                        $"aws iam detach-role-policy --role-name {role.RoleName} --policy-arn {policyArn}, and attach only what the workload needs.",
                        entry,
                        properties: new Dictionary<string, string> { ["PolicyArn"] = policyArn });
                }
            }

            foreach (var inline in role.InlinePolicies ?? [])
            {
                if (AllowsEverything(inline.Document))
                {
                    yield return Finding(
                        context,
                        IrsaSeverity.Critical,
                        role.Arn,
                        "inline:" + inline.Name,
                        $"The inline policy {inline.Name} of the IRSA role {role.RoleName} (trusted by cluster {context.ClusterName}) allows \"*\" on \"*\": its service accounts' pods can do anything in the account.",
                        $"aws iam delete-role-policy --role-name {role.RoleName} --policy-name {inline.Name}, and grant only what the workload needs.",
                        entry,
                        properties: new Dictionary<string, string> { ["PolicyName"] = inline.Name });
                }
            }
        }
    }

    /// <summary>True when an Allow statement without conditions has Action "*" (or "*:*") and Resource "*".</summary>
    internal static bool AllowsEverything(string json)
    {
        if (!PolicyDocument.TryParse(json, out var document, out _))
        {
            return false;
        }

        foreach (var statement in document!.Statements)
        {
            if (statement.Effect != PolicyEffect.Allow || statement.Action is null || statement.Resource is null
                || (statement.Condition is not null && statement.Condition.Blocks.Count > 0))
            {
                continue;
            }

            if ((statement.Action.Contains("*") || statement.Action.Contains("*:*")) && statement.Resource.Contains("*"))
            {
                return true;
            }
        }

        return false;
    }
}
