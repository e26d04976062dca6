using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Remove-IrsaRole: IAM refuses to delete a role that still has policies or sits in an instance profile, so detach every
/// managed policy, delete every inline policy, remove the role from its instance profiles, then delete the role. All of
/// it is confirmed ONCE: the question names the role and lists every write (-WhatIf shows the same list and writes
/// nothing). A run stopped midway leaves a role that a second run finishes deleting. Kubernetes is not touched: service
/// accounts annotated with the role keep their annotation (Remove-IrsaServiceAccount removes it).
/// </summary>
public static partial class IrsaRoles
{
    /// <summary>Deletes the role; returns the writes made, or nothing when -WhatIf or the confirmation declined them.</summary>
    public static async Task<IReadOnlyList<IrsaChange>> RemoveAsync(IrsaSession session, string roleName, CancellationToken cancellationToken)
    {
        Validation.IamNames.ValidateRoleName(roleName);
        var iam = session.Aws.Iam;
        var role = await IrsaRoles.GetRoleAsync(session.Aws, roleName, cancellationToken).ConfigureAwait(false);
        if (PolicyDocument.TryParse(role.AssumeRolePolicyDocument, out var trust, out _)
            && !TrustPolicyInspector.Inspect(trust!).Grants.Any(g => g.Issuers.Count > 0))
        {
            session.Host.WriteWarning($"Role '{roleName}' trusts no OIDC provider: it is not an IRSA role. Make sure you mean to delete it.");
        }

        var attached = await iam.ListAllAttachedRolePoliciesAsync(roleName, null, cancellationToken).ConfigureAwait(false);
        var inline = await iam.ListAllRolePoliciesAsync(roleName, null, cancellationToken).ConfigureAwait(false);
        var profiles = await iam.ListAllInstanceProfilesForRoleAsync(roleName, null, cancellationToken).ConfigureAwait(false);
        var steps = new List<PlanStep>();
        foreach (var policy in attached)
        {
            steps.Add(new PlanStep(
                new IrsaChange { Action = "DetachRolePolicy", Target = role.Arn, Description = $"Detach managed policy {policy.PolicyArn}", HighImpact = true },
                ct => AlreadyGoneIsDoneAsync(session, () => iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = roleName, PolicyArn = policy.PolicyArn }, ct))));
        }

        foreach (var name in inline)
        {
            steps.Add(new PlanStep(
                new IrsaChange { Action = "DeleteRolePolicy", Target = role.Arn, Description = $"Delete inline policy '{name}'", HighImpact = true },
                ct => AlreadyGoneIsDoneAsync(session, () => iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = roleName, PolicyName = name }, ct))));
        }

        foreach (var profile in profiles)
        {
            steps.Add(new PlanStep(
                new IrsaChange { Action = "RemoveRoleFromInstanceProfile", Target = role.Arn, Description = $"Remove the role from instance profile {profile.Arn}", HighImpact = true },
                ct => AlreadyGoneIsDoneAsync(session, () => iam.RemoveRoleFromInstanceProfileAsync(new RemoveRoleFromInstanceProfileRequest { InstanceProfileName = profile.InstanceProfileName, RoleName = roleName }, ct))));
        }

        steps.Add(new PlanStep(
            new IrsaChange { Action = "DeleteRole", Target = role.Arn, Description = $"Delete IAM role '{roleName}'", HighImpact = true },
            ct => AlreadyGoneIsDoneAsync(session, () => iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = roleName }, ct))));

        var intro = string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            "Deletes role {0} with {1} managed polic{2} detached, {3} inline polic{4} deleted and {5} instance profile(s) left. Service accounts annotated with this role lose their AWS access; their annotation is not changed (Remove-IrsaServiceAccount removes it).",
            roleName,
            attached.Count,
            attached.Count == 1 ? "y" : "ies",
            inline.Count,
            inline.Count == 1 ? "y" : "ies",
            profiles.Count);
        var applied = await PlanRunner.RunAsOneAsync(session.Host, role.Arn, $"Delete IAM role '{roleName}' and everything attached to it", intro, steps, highImpact: true, cancellationToken).ConfigureAwait(false);
        return applied ? steps.Select(s => s.Change).ToList() : [];
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
