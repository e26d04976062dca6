using System;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.PodIdentity;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>
/// Plans the trust change a Pod Identity operation needs on an existing role: add the statement that lets
/// pods.eks.amazonaws.com assume it (a broadening change: confirmed as high impact, shown with the trust before and after
/// under -WhatIf), or remove the statement IrsaPS added. Applied through <see cref="TrustWriter"/>, so concurrent writers
/// do not lose each other's changes and nothing else in the trust is touched.
/// </summary>
internal static class PodIdentityTrustEditing
{
    /// <summary>The role, its trust, how the trust judges the request now, and the step that adds the statement (null: nothing to add).</summary>
    public static async Task<(Role Role, PolicyDocument Trust, PodIdentityTrustResult Before, PlanStep? Step)> PlanAddAsync(
        IrsaSession session, string roleName, PodIdentityTrustTarget target, PodIdentityRequest request, CancellationToken cancellationToken)
    {
        var role = await IrsaRoles.GetRoleAsync(session.Aws, roleName, cancellationToken).ConfigureAwait(false);
        var trust = PolicyDocument.Parse(role.AssumeRolePolicyDocument ?? string.Empty);
        var before = PodIdentityTrustEvaluator.Evaluate(trust, request);
        var edit = PodIdentityTrustEditor.Add(trust, target, request);
        if (!edit.Changed)
        {
            return (role, trust, before, null);
        }

        TrustPolicySize.EnsureWithinLimit(edit.Document, session.Options.TrustPolicySizeLimit);
        var step = new PlanStep(
            new IrsaChange
            {
                Action = "UpdateAssumeRolePolicy",
                Target = role.Arn,
                Description = $"Let {PodIdentityTrustPolicy.ServicePrincipal} assume role '{role.RoleName}' for {target.Describe()} (EKS Pod Identity)",
                Detail = RolePlanner.TrustDiff(edit),
                HighImpact = true,
            },
            async ct => await TrustWriter.ConvergeAsync(session, role.RoleName, await TrustWriter.ReadTrustAsync(session.Aws, role.RoleName, ct).ConfigureAwait(false), doc => PodIdentityTrustEditor.Add(doc, target, request), ct).ConfigureAwait(false),
            stopIfDeclined: true);
        return (role, trust, before, step);
    }

    /// <summary>
    /// The step that removes IrsaPS's statement for <paramref name="target"/> (null: there is nothing of IrsaPS's to
    /// remove, or the role is gone). <paramref name="planOn"/> is the trust an earlier step of the same plan will leave
    /// (the step itself always edits the trust it reads when it runs).
    /// </summary>
    public static async Task<PlanStep?> PlanRemoveAsync(IrsaSession session, string roleName, PodIdentityTrustTarget target, CancellationToken cancellationToken, PolicyDocument? planOn = null)
    {
        var role = await IrsaRoles.TryGetRoleAsync(session.Aws, roleName, cancellationToken).ConfigureAwait(false);
        if (role is null)
        {
            return null;
        }

        var trust = planOn ?? PolicyDocument.Parse(role.AssumeRolePolicyDocument ?? string.Empty);
        var edit = PodIdentityTrustEditor.Remove(trust, target);
        if (!edit.Changed)
        {
            return null;
        }

        if (edit.IsEmpty)
        {
            throw TrustWriter.EmptyTrust(role.RoleName);
        }

        return new PlanStep(
            new IrsaChange
            {
                Action = "UpdateAssumeRolePolicy",
                Target = role.Arn,
                Description = $"Remove the EKS Pod Identity statement IrsaPS added to role '{role.RoleName}' for {target.Describe()}",
                Detail = RolePlanner.TrustDiff(edit),
            },
            async ct => await TrustWriter.ConvergeAsync(session, role.RoleName, await TrustWriter.ReadTrustAsync(session.Aws, role.RoleName, ct).ConfigureAwait(false), doc => PodIdentityTrustEditor.Remove(doc, target), ct).ConfigureAwait(false));
    }

    /// <summary>The role name of an IAM role ARN (validated).</summary>
    public static string RoleName(string roleArn) => Validation.Arn.ParseRole(roleArn).Name;

    /// <summary>Roles must be in the cluster's account (EKS refuses others; a role elsewhere goes in -TargetRoleArn).</summary>
    public static void RequireClusterAccount(string roleArn, IrsaCluster cluster)
    {
        var role = Validation.Arn.ParseRole(roleArn);
        if (!string.Equals(role.Account, cluster.AccountId, StringComparison.Ordinal))
        {
            throw new Errors.IrsaValidationException(
                Errors.ErrorIds.PodIdentityRoleMismatch,
                $"Role {roleArn} is in account {role.Account}, but EKS Pod Identity associations of cluster '{cluster.ClusterName}' must name a role of its account {cluster.AccountId}. Put a role of another account in -TargetRoleArn.",
                roleArn);
        }
    }
}
