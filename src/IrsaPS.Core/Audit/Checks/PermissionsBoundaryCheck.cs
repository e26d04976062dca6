using System;
using System.Collections.Generic;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA014: IRSA roles of the cluster without the permissions boundary the caller requires (opt-in).</summary>
internal sealed class PermissionsBoundaryCheck : AuditCheck
{
    public PermissionsBoundaryCheck()
        : base(new AuditCheckInfo(
            "IRSA014",
            "MissingPermissionsBoundary",
            IrsaSeverity.Medium,
            "IRSA role without the required permissions boundary",
            "Runs when asked for (-Check IRSA014, or a required boundary policy is given): a boundary is a policy decision of the caller "
            + "(Medium). Reports each role trusting the audited cluster's issuer that has no permissions boundary, or (when a boundary "
            + "policy is required) another one. Boundaries come with the roles from GetAccountAuthorizationDetails (ListRoles does not "
            + "return them), so there is no call per role.",
            "Set the boundary: aws iam put-role-permissions-boundary --role-name <role> --permissions-boundary <policy ARN> "
            + "(New-IrsaRole -PermissionsBoundary for new roles).",
            inDefaultSet: false,
            AuditNeeds.Roles | AuditNeeds.PermissionsBoundaries))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        var required = context.Options.RequiredPermissionsBoundaryArn;
        foreach (var entry in context.Index.ClusterRoles)
        {
            var role = entry.Role;
            if (!role.PermissionsBoundaryKnown)
            {
                continue;
            }

            var current = role.PermissionsBoundaryArn;
            if (current is not null && (required is null || string.Equals(current, required, StringComparison.Ordinal)))
            {
                continue;
            }

            var wanted = required ?? "<boundary policy ARN>";
            var problem = current is null ? "has no permissions boundary" : $"has the permissions boundary {current}, not {required}";
            yield return Finding(
                context,
                IrsaSeverity.Medium,
                role.Arn,
                required ?? "any",
                $"The IRSA role {role.RoleName} (trusted by cluster {context.ClusterName}) {problem}.",
                $"aws iam put-role-permissions-boundary --role-name {role.RoleName} --permissions-boundary {wanted}",
                entry);
        }
    }
}
