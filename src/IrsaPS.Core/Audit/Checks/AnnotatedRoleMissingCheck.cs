using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Core.Verification;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA006: a service account's role-arn annotation names a role that does not exist (or is not an ARN).</summary>
internal sealed class AnnotatedRoleMissingCheck : AuditCheck
{
    public AnnotatedRoleMissingCheck()
        : base(new AuditCheckInfo(
            "IRSA006",
            "AnnotatedRoleMissing",
            IrsaSeverity.High,
            "Service account annotated with a role that does not exist",
            "The eks.amazonaws.com/role-arn annotation names a role of this account that does not exist, or is not a role ARN at all: the "
            + "webhook still injects it, and every AWS call of the pods fails (High). Roles in other accounts cannot be seen from here and are "
            + "not judged.",
            "Point the annotation at an existing role (Set-IrsaServiceAccount -RoleArn), or create the role (New-IrsaRole).",
            inDefaultSet: true,
            AuditNeeds.Roles | AuditNeeds.ServiceAccounts))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var account in context.Index.AnnotatedServiceAccounts)
        {
            var text = account.Irsa.RoleArn!.Trim();
            var role = context.Index.RoleOfAnnotation(account, out var arn);
            if (arn is null)
            {
                yield return Finding(
                    context,
                    IrsaSeverity.High,
                    account.Key,
                    "malformed:" + text,
                    $"The service account {account.Key} is annotated with {IrsaAnnotationKeys.RoleArn}: '{text}', which is not an IAM role ARN: its pods' AWS calls fail.",
                    Alternatives(context, account) ?? FixCommands.SetServiceAccount(account.Namespace, account.Name, $"arn:{context.Snapshot.Partition}:iam::{context.Snapshot.AccountId}:role/<name>"),
                    serviceAccount: account);
            }
            else if (arn.Account == context.Snapshot.AccountId && role is null)
            {
                yield return Finding(
                    context,
                    IrsaSeverity.High,
                    account.Key,
                    "missing:" + arn,
                    $"The service account {account.Key} is annotated with the role {text}, which does not exist in account {arn.Account}: its pods' AWS calls fail with AccessDenied.",
                    Alternatives(context, account) ?? "Create the role: " + FixCommands.NewRole(arn.Name, context.ClusterName, account.Namespace, account.Name) + "; or point the annotation at an existing role: " + FixCommands.SetServiceAccount(account.Namespace, account.Name, "<role ARN>"),
                    serviceAccount: account,
                    roleArn: arn.ToString());
            }
        }
    }

    /// <summary>"Role X already trusts this service account: Set-IrsaServiceAccount ... -RoleArn X", or null.</summary>
    internal static string? Alternatives(AuditContext context, KubeServiceAccount account, string? except = null)
    {
        if (context.Index.ClusterIssuer is null)
        {
            return null;
        }

        var subject = IrsaSubject.SubjectPrefix + account.Namespace + ":" + account.Name;
        var candidates = context.Index.RolesAdmittingExactly(context.Index.ClusterIssuer.HostPath, subject)
            .Where(r => !string.Equals(r.Role.Arn, except, System.StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Role.Arn)
            .OrderBy(a => a, System.StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        return $"{(candidates.Count == 1 ? "The role" : "The roles")} {string.Join(", ", candidates)} already trust{(candidates.Count == 1 ? "s" : string.Empty)} this service account: {FixCommands.SetServiceAccount(account.Namespace, account.Name, candidates[0])}";
    }
}
