using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>Computes New-IrsaRole's plan from the current state: every write, with its exact detail, before any is made.</summary>
internal static class RolePlanner
{
    /// <summary>
    /// What makes a NEW role's trust high impact: wildcards, statements without a subject, other principals. A new role
    /// that trusts exact service accounts broadens nothing that existed, so it confirms at the cmdlet's Medium impact.
    /// </summary>
    internal const TrustBroadening HighImpactBroadening =
        TrustBroadening.AddsWildcardSubject | TrustBroadening.AddsStatementWithoutSubject | TrustBroadening.AddsOtherAllow | TrustBroadening.RemovesCondition;

    /// <summary>
    /// Whether a change to an EXISTING role's trust is high impact: any broadening, including one more exact service
    /// account, because it lets someone assume the role who could not before (docs/architecture.md, conventions: ConfirmImpact High for
    /// trust changes that broaden access; -Force or -Confirm:$false skip the question).
    /// </summary>
    internal static bool IsHighImpactEdit(TrustBroadening broadening) => broadening != TrustBroadening.None;

    public static async Task<RolePlan> PlanAsync(
        IrsaSession session, NewRoleRequest request, IrsaCluster cluster, RoleTrustIntent wanted, CancellationToken cancellationToken)
    {
        var existing = await IrsaRoles.TryGetRoleAsync(session.Aws, request.RoleName, cancellationToken).ConfigureAwait(false);
        return existing is null
            ? await PlanCreateAsync(session, request, cluster, wanted, cancellationToken).ConfigureAwait(false)
            : await PlanAdoptAsync(session, request, wanted, existing, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RolePlan> PlanCreateAsync(
        IrsaSession session, NewRoleRequest request, IrsaCluster cluster, RoleTrustIntent wanted, CancellationToken cancellationToken)
    {
        await PolicyExistence.EnsureExistAsync(session, request.PolicyArns.Distinct(StringComparer.Ordinal).ToList(), request.PermissionsBoundary, cancellationToken).ConfigureAwait(false);

        var iam = session.Aws.Iam;
        var options = session.Options;
        var trust = wanted.Build();
        TrustPolicySize.EnsureWithinLimit(trust, options.TrustPolicySizeLimit);
        var trustJson = trust.ToJson();
        var path = request.Path ?? "/";
        var roleArn = $"arn:{cluster.Partition}:iam::{cluster.AccountId}:role{path}{request.RoleName}";
        var plan = new RolePlan(creates: true)
        {
            Trust = trust,
            PermissionsBoundary = request.PermissionsBoundary,
            Description = request.Description,
            MaxSessionDuration = request.MaxSessionDuration,
        };
        plan.Tags = request.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

        var broadening = TrustBroadeningDetector.Compare(new PolicyDocument(), trust);
        plan.Steps.Add(new PlanStep(
            new IrsaChange
            {
                Action = "CreateRole",
                Target = roleArn,
                Description = $"Create IAM role '{request.RoleName}' trusted by {wanted.Describe()}",
                Detail = "Trust policy:" + Environment.NewLine + PolicyJsonFormat.Indent(trustJson),
                HighImpact = (broadening & HighImpactBroadening) != 0,
            },
            async ct =>
            {
                var created = await iam.CreateRoleAsync(
                    new CreateRoleRequest
                    {
                        RoleName = request.RoleName,
                        Path = path,
                        AssumeRolePolicyDocument = trustJson,
                        Description = request.Description,
                        MaxSessionDuration = request.MaxSessionDuration,
                        PermissionsBoundary = request.PermissionsBoundary,
                        Tags = request.Tags.Select(t => new Tag(t.Key, t.Value)).ToList(),
                    },
                    ct).ConfigureAwait(false);
                plan.Role = created.Role;
            },
            stopIfDeclined: true,
            undo: ct => IrsaRoles.AlreadyGoneIsDoneAsync(session, () => iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = request.RoleName }, ct))));

        plan.AttachedPolicies.Clear();
        AddPolicySteps(session, request, roleArn, plan, alreadyAttached: [], existingInline: new Dictionary<string, string?>(StringComparer.Ordinal), roleIsNew: true);
        plan.Role = new Role { RoleName = request.RoleName, Arn = roleArn, Path = path, Description = request.Description, MaxSessionDuration = request.MaxSessionDuration };
        return plan;
    }

    private static async Task<RolePlan> PlanAdoptAsync(
        IrsaSession session, NewRoleRequest request, RoleTrustIntent wanted, Role existing, CancellationToken cancellationToken)
    {
        var iam = session.Aws.Iam;
        if (request.Path is not null && !string.Equals(request.Path, existing.Path, StringComparison.Ordinal))
        {
            throw new IrsaValidationException(
                ErrorIds.RolePathMismatch,
                $"Role '{existing.RoleName}' exists with path '{existing.Path}', not '{request.Path}'. IAM cannot move a role; omit -Path to adopt it, or choose another role name.",
                existing.Arn);
        }

        var trust = PolicyDocument.Parse(existing.AssumeRolePolicyDocument ?? string.Empty);
        var plan = new RolePlan(creates: false)
        {
            Role = existing,
            Trust = trust,
            PermissionsBoundary = existing.PermissionsBoundary?.PermissionsBoundaryArn,
            Description = existing.Description,
            MaxSessionDuration = existing.MaxSessionDuration,
            Tags = existing.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
        };

        var edit = wanted.AddTo(trust);
        if (edit.Changed)
        {
            TrustPolicySize.EnsureWithinLimit(edit.Document, session.Options.TrustPolicySizeLimit);
            plan.Steps.Add(new PlanStep(
                new IrsaChange
                {
                    Action = "UpdateAssumeRolePolicy",
                    Target = existing.Arn,
                    Description = $"Let {wanted.Describe()} assume role '{existing.RoleName}'",
                    Detail = TrustDiff(edit),
                    HighImpact = IsHighImpactEdit(edit.Broadening),
                },
                async ct =>
                {
                    plan.Trust = await TrustWriter.ConvergeAsync(
                        session,
                        existing.RoleName,
                        trust,
                        wanted.AddTo,
                        ct).ConfigureAwait(false);
                }));
        }

        var description = request.Description is not null && !string.Equals(request.Description, existing.Description ?? string.Empty, StringComparison.Ordinal);
        var sessionChange = request.MaxSessionDuration is { } max && max != (existing.MaxSessionDuration ?? 3600);
        if (description || sessionChange)
        {
            var what = new List<string>();
            if (description)
            {
                what.Add($"description '{existing.Description}' → '{request.Description}'");
            }

            if (sessionChange)
            {
                what.Add($"max session {existing.MaxSessionDuration ?? 3600} s → {request.MaxSessionDuration} s");
            }

            plan.Steps.Add(new PlanStep(
                new IrsaChange { Action = "UpdateRole", Target = existing.Arn, Description = "Update " + string.Join(", ", what) },
                async ct =>
                {
                    await iam.UpdateRoleAsync(
                        new UpdateRoleRequest
                        {
                            RoleName = existing.RoleName,
                            Description = description ? request.Description : null,
                            MaxSessionDuration = sessionChange ? request.MaxSessionDuration : null,
                        },
                        ct).ConfigureAwait(false);
                    if (description)
                    {
                        plan.Description = request.Description;
                    }

                    if (sessionChange)
                    {
                        plan.MaxSessionDuration = request.MaxSessionDuration;
                    }
                }));
        }

        var currentBoundary = existing.PermissionsBoundary?.PermissionsBoundaryArn;
        if (request.PermissionsBoundary is not null && !string.Equals(request.PermissionsBoundary, currentBoundary, StringComparison.Ordinal))
        {
            plan.Steps.Add(new PlanStep(
                new IrsaChange
                {
                    Action = "PutRolePermissionsBoundary",
                    Target = existing.Arn,
                    Description = currentBoundary is null
                        ? $"Set permissions boundary {request.PermissionsBoundary}"
                        : $"Replace permissions boundary {currentBoundary} with {request.PermissionsBoundary}",
                    HighImpact = currentBoundary is not null,
                },
                async ct =>
                {
                    await iam.PutRolePermissionsBoundaryAsync(
                        new PutRolePermissionsBoundaryRequest { RoleName = existing.RoleName, PermissionsBoundary = request.PermissionsBoundary }, ct).ConfigureAwait(false);
                    plan.PermissionsBoundary = request.PermissionsBoundary;
                }));
        }

        var tagChanges = request.Tags
            .Where(t => !plan.Tags.TryGetValue(t.Key, out var value) || !string.Equals(value, t.Value, StringComparison.Ordinal))
            .ToList();
        if (tagChanges.Count > 0)
        {
            plan.Steps.Add(new PlanStep(
                new IrsaChange
                {
                    Action = "TagRole",
                    Target = existing.Arn,
                    Description = "Tag " + string.Join(", ", tagChanges.Select(t => $"{t.Key}={t.Value}")),
                },
                async ct =>
                {
                    await iam.TagRoleAsync(new TagRoleRequest { RoleName = existing.RoleName, Tags = tagChanges.Select(t => new Tag(t.Key, t.Value)).ToList() }, ct).ConfigureAwait(false);
                    foreach (var tag in tagChanges)
                    {
                        plan.Tags[tag.Key] = tag.Value;
                    }
                }));
        }

        var attached = (await iam.ListAllAttachedRolePoliciesAsync(existing.RoleName, null, cancellationToken).ConfigureAwait(false))
            .Select(p => p.PolicyArn).ToList();

        // Only what is not there yet is checked: a re-run of a converged request reads no policy.
        await PolicyExistence.EnsureExistAsync(
            session,
            request.PolicyArns.Distinct(StringComparer.Ordinal).Where(a => !attached.Contains(a, StringComparer.Ordinal)).ToList(),
            request.PermissionsBoundary is not null && !string.Equals(request.PermissionsBoundary, currentBoundary, StringComparison.Ordinal) ? request.PermissionsBoundary : null,
            cancellationToken).ConfigureAwait(false);

        var inlineNames = await iam.ListAllRolePoliciesAsync(existing.RoleName, null, cancellationToken).ConfigureAwait(false);
        var existingInline = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in inlineNames)
        {
            existingInline[name] = request.InlinePolicies.ContainsKey(name)
                ? await ReadInlineAsync(iam, existing.RoleName, name, cancellationToken).ConfigureAwait(false)
                : null;
        }

        await EnsureInlineTotalAsync(iam, request, existing.RoleName, existingInline, cancellationToken).ConfigureAwait(false);

        plan.AttachedPolicies.AddRange(attached);
        plan.InlinePolicies.AddRange(inlineNames);
        AddPolicySteps(session, request, existing.Arn, plan, attached, existingInline, roleIsNew: false);
        return plan;
    }

    private static void AddPolicySteps(
        IrsaSession session,
        NewRoleRequest request,
        string roleArn,
        RolePlan plan,
        IReadOnlyCollection<string> alreadyAttached,
        Dictionary<string, string?> existingInline,
        bool roleIsNew)
    {
        var iam = session.Aws.Iam;
        var options = session.Options;
        Task Write(Func<CancellationToken, Task> call, CancellationToken ct) => roleIsNew
            ? EventualConsistency.RetryWhileNotFoundAsync(call, $"Role '{request.RoleName}'", options, ct)
            : call(ct);

        foreach (var policyArn in request.PolicyArns.Distinct(StringComparer.Ordinal).Where(a => !alreadyAttached.Contains(a, StringComparer.Ordinal)))
        {
            plan.Steps.Add(new PlanStep(
                new IrsaChange { Action = "AttachRolePolicy", Target = roleArn, Description = $"Attach managed policy {policyArn}" },
                async ct =>
                {
                    await Write(c => iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = request.RoleName, PolicyArn = policyArn }, c), ct).ConfigureAwait(false);
                    plan.AttachedPolicies.Add(policyArn);
                },
                undo: roleIsNew
                    ? ct => IrsaRoles.AlreadyGoneIsDoneAsync(session, () => iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = request.RoleName, PolicyArn = policyArn }, ct))
                    : null));
        }

        bool Broadens(string name) => string.Equals(name, request.BroadeningInlinePolicy, StringComparison.Ordinal);
        foreach (var inline in request.InlinePolicies)
        {
            var compact = PolicyJsonFormat.Compact(inline.Value);
            existingInline.TryGetValue(inline.Key, out var current);
            var exists = existingInline.ContainsKey(inline.Key);
            if (exists && current is not null && string.Equals(PolicyJsonFormat.Compact(current), compact, StringComparison.Ordinal))
            {
                continue;
            }

            plan.Steps.Add(new PlanStep(
                new IrsaChange
                {
                    Action = "PutRolePolicy",
                    Target = roleArn,
                    Description = (exists ? $"Replace inline policy '{inline.Key}'" : $"Add inline policy '{inline.Key}'")
                        + (Broadens(inline.Key) ? $" ({request.BroadeningReason})" : string.Empty),
                    HighImpact = Broadens(inline.Key),
                    Detail = exists && current is not null
                        ? "Before:" + Environment.NewLine + PolicyJsonFormat.Indent(current) + Environment.NewLine + "After:" + Environment.NewLine + PolicyJsonFormat.Indent(compact)
                        : PolicyJsonFormat.Indent(compact),
                },
                async ct =>
                {
                    await Write(c => iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = request.RoleName, PolicyName = inline.Key, PolicyDocument = compact }, c), ct).ConfigureAwait(false);
                    if (!plan.InlinePolicies.Contains(inline.Key, StringComparer.Ordinal))
                    {
                        plan.InlinePolicies.Add(inline.Key);
                    }
                },
                undo: roleIsNew
                    ? ct => IrsaRoles.AlreadyGoneIsDoneAsync(session, () => iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = request.RoleName, PolicyName = inline.Key }, ct))
                    : null));
        }
    }

    private static async Task<string> ReadInlineAsync(Aws.Iam.IamClient iam, string roleName, string name, CancellationToken cancellationToken) =>
        (await iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = roleName, PolicyName = name }, cancellationToken).ConfigureAwait(false)).PolicyDocument;

    /// <summary>
    /// IAM's 10,240-character total covers every inline policy of the role. When this run writes an inline policy, the
    /// existing ones it keeps are read (one GetRolePolicy each; none when no inline policy is written) and the total checked.
    /// </summary>
    private static async Task EnsureInlineTotalAsync(
        Aws.Iam.IamClient iam, NewRoleRequest request, string roleName, Dictionary<string, string?> existingInline, CancellationToken cancellationToken)
    {
        var writes = request.InlinePolicies.Any(p => !existingInline.TryGetValue(p.Key, out var current) || current is null
            || !string.Equals(PolicyJsonFormat.Compact(current), PolicyJsonFormat.Compact(p.Value), StringComparison.Ordinal));
        if (!writes)
        {
            return;
        }

        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in existingInline.Keys.Where(n => !request.InlinePolicies.ContainsKey(n)))
        {
            kept[name] = await ReadInlineAsync(iam, roleName, name, cancellationToken).ConfigureAwait(false);
        }

        InlinePolicyRules.EnsureRoleTotal(
            roleName, request.InlinePolicies.ToDictionary(p => p.Key, p => PolicyJsonFormat.Compact(p.Value), StringComparer.Ordinal), kept);
    }

    internal static string TrustDiff(TrustPolicyEdit edit) =>
        string.Join(Environment.NewLine, edit.Changes.Select(c => "  " + c))
        + Environment.NewLine + "Trust policy before:" + Environment.NewLine + edit.BeforeIndented
        + Environment.NewLine + "Trust policy after:" + Environment.NewLine + edit.AfterIndented;
}
