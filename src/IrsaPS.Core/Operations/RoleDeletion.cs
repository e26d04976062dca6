using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Remove-IrsaRole: IAM refuses to delete a role that still has policies, so detach every managed policy, delete every
/// inline policy, then delete the role — each write confirmed on its own. A declined step stops the rest (the role could
/// not be deleted anyway). A run stopped midway leaves a role that a second run finishes deleting.
/// </summary>
public static class RoleDeletion
{
    public static async Task<IReadOnlyList<IrsaChange>> RemoveAsync(IrsaSession session, string roleName, CancellationToken cancellationToken)
    {
        Validation.IamNames.ValidateRoleName(roleName);
        var iam = session.Aws.Iam;
        var role = await RoleQueries.GetRoleAsync(session.Aws, roleName, cancellationToken).ConfigureAwait(false);
        if (PolicyDocument.TryParse(role.AssumeRolePolicyDocument, out var trust, out _)
            && !TrustPolicyInspector.Inspect(trust!).Grants.Any(g => g.Issuers.Count > 0))
        {
            session.Host.WriteWarning($"Role '{roleName}' trusts no OIDC provider: it is not an IRSA role. Make sure you mean to delete it.");
        }

        var attached = await iam.ListAllAttachedRolePoliciesAsync(roleName, null, cancellationToken).ConfigureAwait(false);
        var inline = await iam.ListAllRolePoliciesAsync(roleName, null, cancellationToken).ConfigureAwait(false);
        var steps = new List<PlanStep>();
        foreach (var policy in attached)
        {
            steps.Add(new PlanStep(
                new IrsaChange { Action = "DetachRolePolicy", Target = role.Arn, Description = $"Detach managed policy {policy.PolicyArn}", HighImpact = true },
                ct => AlreadyGoneIsDoneAsync(session, () => iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = roleName, PolicyArn = policy.PolicyArn }, ct)),
                stopIfDeclined: true));
        }

        foreach (var name in inline)
        {
            steps.Add(new PlanStep(
                new IrsaChange { Action = "DeleteRolePolicy", Target = role.Arn, Description = $"Delete inline policy '{name}'", HighImpact = true },
                ct => AlreadyGoneIsDoneAsync(session, () => iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = roleName, PolicyName = name }, ct)),
                stopIfDeclined: true));
        }

        steps.Add(new PlanStep(
            new IrsaChange
            {
                Action = "DeleteRole",
                Target = role.Arn,
                Description = $"Delete IAM role '{roleName}'",
                Detail = $"{attached.Count} managed policies detached and {inline.Count} inline policies deleted first. Service accounts annotated with this role lose their AWS access.",
                HighImpact = true,
            },
            ct => AlreadyGoneIsDoneAsync(session, () => iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = roleName }, ct)),
            stopIfDeclined: true));

        await PlanRunner.RunAsync(session.Host, steps, cancellationToken).ConfigureAwait(false);
        return steps.Select(s => s.Change).ToList();
    }

    /// <summary>
    /// Deletes are idempotent: NotFound right after we listed the thing means it is gone, which is what we want —
    /// typically our own earlier attempt succeeded and only its answer was lost, so the SDK's retry found nothing.
    /// </summary>
    internal static async Task AlreadyGoneIsDoneAsync<T>(IrsaSession session, System.Func<Task<T>> delete)
    {
        try
        {
            await delete().ConfigureAwait(false);
        }
        catch (Aws.AwsServiceException ex) when (ex.Kind == Errors.IrsaErrorKind.NotFound)
        {
            session.Host.WriteVerbose($"{ex.Operation}: already gone ({ex.AwsErrorCode}).");
        }
    }
}
