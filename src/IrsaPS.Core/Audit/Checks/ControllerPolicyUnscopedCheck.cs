using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA041: a catalogued controller's role grants on every resource a write the catalog scopes.</summary>
internal sealed class ControllerPolicyUnscopedCheck : AuditCheck
{
    public ControllerPolicyUnscopedCheck()
        : base(new AuditCheckInfo(
            "IRSA041",
            "ControllerPolicyUnscoped",
            IrsaSeverity.High,
            "A well-known controller's role grants a write on every resource where the catalog scopes it",
            "The role is used by the service account of a controller in IrsaPS's policy template catalog, and an Allow statement grants a "
            + "write that the catalog narrows by a parameter (ExternalDNS's record changes by hosted zone, Velero's objects by bucket, the "
            + "Node Termination Handler's queue) on \"*\" or on the parameter's every-resource form (arn:aws:route53:::hostedzone/*, "
            + "arn:aws:s3:::*), with no condition on the resource (a resource or request tag, or a service-specific key): whoever "
            + "controls the controller's pods can change every hosted zone, bucket or queue in the account. Request-context conditions "
            + "such as aws:SecureTransport, aws:SourceIp or aws:ResourceAccount do not narrow the resources and do not count. High.",
            "Narrow the statement's Resource to what the controller manages: New-IrsaRole -RoleName <role> -ClusterName <cluster> "
            + "-PolicyTemplate <entry> -TemplateParameter @{ ... } writes a scoped policy; then remove the broad statement or policy.",
            inDefaultSet: true,
            AuditNeeds.Roles | AuditNeeds.RolePolicies | AuditNeeds.ServiceAccounts))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var match in ControllerRoleMatcher.Match(context))
        {
            foreach (var write in match.Needs.ScopedWrites)
            {
                foreach (var statement in match.Grants.Statements.Where(s => !s.BoundsResources && s.OnAnyOf(write.UnscopedResources)))
                {
                    var actions = write.Actions.Where(statement.Covers).ToList();
                    if (actions.Count == 0)
                    {
                        continue;
                    }

                    var template = match.Needs.Template;
                    var role = match.Role.Role;
                    yield return Finding(
                        context,
                        IrsaSeverity.High,
                        role.Arn,
                        $"template:{template.Name}/{statement.Source}#{statement.Index}/{string.Join(",", write.Parameters)}",
                        $"The role {role.RoleName}, used by {ControllerPolicyOutdatedCheck.Who(match)}, grants {Sample(actions, 4)} on {string.Join(", ", statement.Statement.Resource!)} ({Where(statement)}), where the catalog scopes it by {string.Join(", ", write.Parameters)}.",
                        $"New-IrsaRole -RoleName {role.RoleName} -ClusterName {context.ClusterName} -PolicyTemplate {template.Name} -TemplateParameter @{{ {write.Parameters[0]} = '...' }}, then remove statement {statement.Index} of {Where(statement)}.",
                        match.Role,
                        match.ServiceAccount,
                        new Dictionary<string, string>
                        {
                            ["PolicyTemplate"] = template.Name,
                            ["Parameter"] = string.Join(",", write.Parameters),
                            ["Policy"] = statement.Source,
                        });
                }
            }
        }
    }

    private static string Where(GrantStatement statement) => statement.Source.StartsWith("inline:", System.StringComparison.Ordinal)
        ? "inline policy " + statement.Source.Substring(7)
        : "managed policy " + statement.Source.Substring(8);
}
