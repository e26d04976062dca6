using System;
using System.Collections.Generic;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Policy.PodIdentity;

/// <summary>
/// Adds and removes the EKS Pod Identity statement in an existing trust policy without touching anything else:
/// <list type="bullet">
/// <item>Add: nothing changes when the trust already lets <c>pods.eks.amazonaws.com</c> assume the role and tag the session
/// for the association (whoever wrote the statement); a Deny that stops it is an error (adding cannot help). Otherwise
/// IrsaPS's statement for the target is appended (Sid <see cref="PodIdentityTrustTarget.Sid"/>), or, for the Cluster
/// scope, the cluster's ARN joins IrsaPS's cluster statement. Adding twice is the same as adding once.</item>
/// <item>Remove: only IrsaPS's statement for the target goes (for the Cluster scope: the cluster's ARN from IrsaPS's
/// cluster statement, and the statement when no cluster is left). Statements IrsaPS did not write are never changed.</item>
/// </list>
/// The input document is never modified.
/// </summary>
internal static class PodIdentityTrustEditor
{
    /// <summary>Adds what <paramref name="target"/> needs so that <paramref name="request"/> is allowed.</summary>
    public static TrustPolicyEdit Add(PolicyDocument document, PodIdentityTrustTarget target, PodIdentityRequest request)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var before = document.ToJson();
        var current = PodIdentityTrustEvaluator.Evaluate(document, request);
        if (current.Allowed)
        {
            return new TrustPolicyEdit(document.Clone(), before, [$"The trust already admits it: {current.Reason}; nothing to add."], TrustBroadening.None);
        }

        // Only a statement to add must fit an untagged session; a trust that already admits one needs nothing.
        if (!request.SessionTags && target.Scope != PodIdentityTrustScope.Any)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                $"The association disables session tags, so a trust scoped to the {target.Scope.ToString().ToLowerInvariant()} (a condition on aws:RequestTag) could never match. Use -TrustScope Any (with -RequireSourceAccount to pin the account), or keep the session tags.");
        }

        if (current.Decision == TrustDecision.ExplicitDeny)
        {
            throw new IrsaException(
                ErrorIds.PodIdentityTrustDenied,
                IrsaErrorKind.InvalidArgument,
                $"The role's trust has a Deny statement that stops {PodIdentityTrustPolicy.ServicePrincipal} for {request.Namespace}/{request.ServiceAccount} of cluster '{request.ClusterName}'; adding an Allow cannot override it. Change the Deny statement first.");
        }

        var working = document.Clone();
        var changes = new List<string>();
        var sid = target.Sid;
        var existing = IndexOfSid(working, sid);
        if (existing >= 0 && target.Scope == PodIdentityTrustScope.Cluster && ClusterEntry(working.Statements[existing], target) is { } clusters)
        {
            clusters.Values.Add(target.ClusterArn!);
            changes.Add($"Added {target.ClusterArn} to the eks-cluster-arn condition of statement {existing} (Sid \"{sid}\").");
        }
        else if (existing >= 0)
        {
            throw new IrsaException(
                ErrorIds.PodIdentityTrustStatementModified,
                IrsaErrorKind.Conflict,
                $"Statement {existing} has IrsaPS's Sid \"{sid}\" but does not admit {target.Describe()}: it was changed after IrsaPS wrote it. Fix or remove that statement, then run the command again.",
                sid);
        }
        else
        {
            working.Statements.Add(PodIdentityTrustPolicy.CreateStatement(target));
            changes.Add($"Appended statement \"{sid}\": {PodIdentityTrustPolicy.ServicePrincipal} may {PodIdentityTrustPolicy.AssumeRole} and {PodIdentityTrustPolicy.TagSession} for {target.Describe()}{(target.RequireSourceAccount ? $" (aws:SourceAccount {target.AccountId})" : string.Empty)}.");
        }

        return new TrustPolicyEdit(working, before, changes, TrustBroadeningDetector.Compare(document, working) | TrustBroadening.AddsOtherAllow);
    }

    /// <summary>Removes IrsaPS's statement for <paramref name="target"/> (or its cluster from IrsaPS's cluster statement).</summary>
    public static TrustPolicyEdit Remove(PolicyDocument document, PodIdentityTrustTarget target)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        var before = document.ToJson();
        var working = document.Clone();
        var changes = new List<string>();
        var sid = target.Sid;
        var index = IndexOfSid(working, sid);
        if (index < 0)
        {
            changes.Add($"No statement has IrsaPS's Sid \"{sid}\"; nothing to remove.");
        }
        else if (target.Scope == PodIdentityTrustScope.Cluster && ClusterEntry(working.Statements[index], target) is { } clusters && clusters.Values.Count > 1)
        {
            clusters.Values.Remove(target.ClusterArn!);
            changes.Add($"Removed {target.ClusterArn} from the eks-cluster-arn condition of statement {index} (Sid \"{sid}\").");
        }
        else if (target.Scope == PodIdentityTrustScope.Cluster && ClusterEntry(working.Statements[index], target) is null && !Names(working.Statements[index], target.ClusterArn!))
        {
            changes.Add($"Statement {index} (Sid \"{sid}\") does not name {target.ClusterArn}; nothing to remove.");
        }
        else
        {
            working.Statements.RemoveAt(index);
            changes.Add($"Removed statement {index} (Sid \"{sid}\") that IrsaPS added for {target.Describe()}.");
        }

        // Removing a statement or a value of its only StringEquals condition narrows who may assume the role.
        return new TrustPolicyEdit(working, before, changes, TrustBroadening.None);
    }

    /// <summary>The index of the statement with this Sid, or -1.</summary>
    public static int IndexOfSid(PolicyDocument document, string sid)
    {
        for (var i = 0; i < document.Statements.Count; i++)
        {
            if (string.Equals(document.Statements[i].Sid, sid, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The eks-cluster-arn entry of IrsaPS's cluster statement when the statement still has exactly the shape IrsaPS
    /// writes (Allow, the service principal alone, both actions, one StringEquals block with the cluster key and, when
    /// asked, aws:SourceAccount for this account): adding a cluster there admits that cluster and nothing else.
    /// </summary>
    private static ConditionEntry? ClusterEntry(PolicyStatement statement, PodIdentityTrustTarget target)
    {
        if (statement.Effect != PolicyEffect.Allow || statement.NotPrincipal is not null || statement.NotAction is not null
            || statement.Resource is not null || statement.NotResource is not null || statement.ExtraFields.Count > 0
            || statement.Principal is null || statement.Principal.IsWildcard || statement.Principal.Entries.Count != 1
            || statement.Principal.Get(PolicyPrincipal.Service) is not { Count: 1 } service
            || !string.Equals(service[0], PodIdentityTrustPolicy.ServicePrincipal, StringComparison.Ordinal)
            || statement.Action is not { Count: 2 } actions
            || !actions.Contains(PodIdentityTrustPolicy.AssumeRole) || !actions.Contains(PodIdentityTrustPolicy.TagSession)
            || statement.Condition is not { Blocks.Count: 1 } condition
            || !string.Equals(condition.Blocks[0].Operator, "StringEquals", StringComparison.Ordinal))
        {
            return null;
        }

        var block = condition.Blocks[0];
        var expectedKeys = target.RequireSourceAccount ? 2 : 1;
        if (block.Entries.Count != expectedKeys)
        {
            return null;
        }

        if (target.RequireSourceAccount
            && (block.Find(PodIdentityTrustPolicy.SourceAccountKey) is not { Values.Count: 1 } account || account.Values[0] != target.AccountId))
        {
            return null;
        }

        return block.Find(PodIdentityTrustPolicy.ClusterArnKey);
    }

    private static bool Names(PolicyStatement statement, string clusterArn)
    {
        foreach (var (_, entry) in statement.Condition?.AllEntries() ?? [])
        {
            if (entry.Values.Contains(clusterArn))
            {
                return true;
            }
        }

        return false;
    }
}
