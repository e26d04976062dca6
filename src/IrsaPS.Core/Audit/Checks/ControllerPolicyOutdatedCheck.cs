using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA040: a catalogued controller's role lacks actions the catalogued (current) version needs.</summary>
internal sealed class ControllerPolicyOutdatedCheck : AuditCheck
{
    public ControllerPolicyOutdatedCheck()
        : base(new AuditCheckInfo(
            "IRSA040",
            "ControllerPolicyOutdated",
            IrsaSeverity.Medium,
            "A well-known controller's role lacks permissions its current version needs",
            "The role is used by the service account of a controller in IrsaPS's policy template catalog (Get-IrsaPolicyTemplate): the "
            + "service account's annotation names it, or its trust names exactly that service account. Its inline, customer-managed and "
            + "catalogued AWS-managed policies do not grant every action the catalog's newest version of that controller needs, which is "
            + "what makes a controller fail after an upgrade (ExternalDNS moving to route53:ListTagsForResources, the VPC CNI needing "
            + "ec2:DescribeSecurityGroups). Roles with other AWS-managed policies, whose content the audit cannot read, are not judged. "
            + "Medium: the controller fails, nothing is exposed.",
            "Re-create the role's permissions from the catalog: New-IrsaRole -RoleName <role> -ClusterName <cluster> -PolicyTemplate <entry> "
            + "(adopts the role and adds the rendered policy), or add the missing actions to its policy.",
            inDefaultSet: true,
            AuditNeeds.Roles | AuditNeeds.RolePolicies | AuditNeeds.ServiceAccounts))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var match in ControllerRoleMatcher.Match(context).Where(m => m.Grants.Complete && m.Missing.Count > 0))
        {
            var template = match.Needs.Template;
            var role = match.Role.Role;
            var missing = match.Missing.OrderBy(a => a, System.StringComparer.Ordinal).ToList();
            yield return Finding(
                context,
                IrsaSeverity.Medium,
                role.Arn,
                "template:" + template.Name + "/" + match.Needs.Role.Name,
                $"The role {role.RoleName}, used by {Who(match)}, lacks {missing.Count} action(s) that {template.Controller} {template.Version} needs: {Sample(missing, 5)}.",
                $"New-IrsaRole -RoleName {role.RoleName} -ClusterName {context.ClusterName} -PolicyTemplate {template.Name}{(template.HasSeveralRoles ? " -TemplateRole " + match.Needs.Role.Name : string.Empty)} (add -TemplateParameter for its scope), or grant: {string.Join(", ", missing)}.",
                match.Role,
                match.ServiceAccount,
                new Dictionary<string, string>
                {
                    ["PolicyTemplate"] = template.Name,
                    ["TemplateVersion"] = template.Version,
                    ["MissingActions"] = string.Join(",", missing),
                });
        }
    }

    internal static string Who(ControllerRoleMatch match)
    {
        var role = match.Needs.Role;
        return $"{role.Namespace}/{string.Join(", ", role.ServiceAccounts)} ({match.Needs.Template.Name})";
    }
}
