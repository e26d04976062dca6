using System;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Policy.PodIdentity;

/// <summary>Whether a role's trust lets EKS Pod Identity assume it for one association, per action, and why.</summary>
internal sealed class PodIdentityTrustResult
{
    internal PodIdentityTrustResult(TrustDecision assumeRole, TrustDecision tagSession, int? allowingStatement, string? allowingSid, string reason)
    {
        AssumeRole = assumeRole;
        TagSession = tagSession;
        AllowingStatement = allowingStatement;
        AllowingSid = allowingSid;
        Reason = reason;
    }

    public TrustDecision AssumeRole { get; }

    /// <summary>The result once an edit that makes the trust admit the request has been written (the writer checks it holds).</summary>
    internal static PodIdentityTrustResult AllowedAfterEdit(string what) =>
        new(TrustDecision.Allowed, TrustDecision.Allowed, null, null, what + ": done");

    public TrustDecision TagSession { get; }

    /// <summary>Both actions are allowed: Pod Identity can assume the role for this association.</summary>
    public bool Allowed => AssumeRole == TrustDecision.Allowed && TagSession == TrustDecision.Allowed;

    /// <summary>The decision for the pair: a Deny or an undecidable condition on either action wins over Allowed.</summary>
    public TrustDecision Decision =>
        AssumeRole == TrustDecision.ExplicitDeny || TagSession == TrustDecision.ExplicitDeny ? TrustDecision.ExplicitDeny
        : Allowed ? TrustDecision.Allowed
        : AssumeRole == TrustDecision.Undetermined || TagSession == TrustDecision.Undetermined ? TrustDecision.Undetermined
        : TrustDecision.ImplicitDeny;

    /// <summary>The index of the statement that allows sts:AssumeRole, when one does.</summary>
    public int? AllowingStatement { get; }

    public string? AllowingSid { get; }

    /// <summary>One sentence.</summary>
    public string Reason { get; }

    public override string ToString() => Reason;
}

/// <summary>
/// Evaluates a trust policy for EKS Pod Identity with IAM's rules (the same condition engine as Test-IrsaTrust): a
/// statement applies when its Principal (or NotPrincipal) admits the service <c>pods.eks.amazonaws.com</c>, its Action
/// (or NotAction) covers the action, and every condition holds for <see cref="PodIdentityRequest"/>'s context; a Deny that
/// applies wins; a condition on a key whose value cannot be known offline (pod name, pod uid, aws:SourceArn) makes the
/// statement undetermined. Both <c>sts:AssumeRole</c> and <c>sts:TagSession</c> must be allowed.
/// </summary>
internal static class PodIdentityTrustEvaluator
{
    public static PodIdentityTrustResult Evaluate(PolicyDocument document, PodIdentityRequest request)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var assume = Decide(document, request, PodIdentityTrustPolicy.AssumeRole, out var allowing);
        var tag = Decide(document, request, PodIdentityTrustPolicy.TagSession, out _);
        var sid = allowing is { } index ? document.Statements[index].Sid : null;
        var reason = (assume, tag) switch
        {
            (TrustDecision.Allowed, TrustDecision.Allowed) => $"statement {allowing}{(sid is null ? string.Empty : $" (Sid \"{sid}\")")} lets {PodIdentityTrustPolicy.ServicePrincipal} assume the role and tag the session for {request.Namespace}/{request.ServiceAccount} of cluster '{request.ClusterName}'",
            (TrustDecision.ExplicitDeny, _) or (_, TrustDecision.ExplicitDeny) => $"a Deny statement stops {PodIdentityTrustPolicy.ServicePrincipal} for {request.Namespace}/{request.ServiceAccount} of cluster '{request.ClusterName}'",
            (TrustDecision.Allowed, _) => $"the trust allows {PodIdentityTrustPolicy.AssumeRole} but not {PodIdentityTrustPolicy.TagSession}, which EKS Pod Identity needs to pass its session tags",
            (TrustDecision.Undetermined, _) or (_, TrustDecision.Undetermined) => $"a statement for {PodIdentityTrustPolicy.ServicePrincipal} has a condition that cannot be decided offline (pod name or uid, aws:SourceArn, or an unsupported operator)",
            _ => $"no statement lets {PodIdentityTrustPolicy.ServicePrincipal} assume the role for {request.Namespace}/{request.ServiceAccount} of cluster '{request.ClusterName}'"
                + (request.SessionTags ? string.Empty : " (the association disables session tags, so conditions on aws:RequestTag cannot match)"),
        };
        return new PodIdentityTrustResult(assume, tag, allowing, sid, reason);
    }

    private static TrustDecision Decide(PolicyDocument document, PodIdentityRequest request, string action, out int? allowing)
    {
        allowing = null;
        var undeterminedAllow = false;
        var undeterminedDeny = false;
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            var outcome = Applies(statement, request, action, document.SupportsPolicyVariables);
            if (outcome == StatementOutcome.Matched)
            {
                if (statement.Effect == PolicyEffect.Deny)
                {
                    allowing = null;
                    return TrustDecision.ExplicitDeny;
                }

                allowing ??= i;
            }
            else if (outcome == StatementOutcome.Undetermined)
            {
                if (statement.Effect == PolicyEffect.Deny)
                {
                    undeterminedDeny = true;
                }
                else
                {
                    undeterminedAllow = true;
                }
            }
        }

        if (undeterminedDeny)
        {
            return allowing is not null || undeterminedAllow ? TrustDecision.Undetermined : TrustDecision.ImplicitDeny;
        }

        return allowing is not null ? TrustDecision.Allowed : undeterminedAllow ? TrustDecision.Undetermined : TrustDecision.ImplicitDeny;
    }

    private static StatementOutcome Applies(PolicyStatement statement, PodIdentityRequest request, string action, bool variables)
    {
        if (!PrincipalApplies(statement) || !ActionApplies(statement, action))
        {
            return StatementOutcome.NotMatched;
        }

        var result = StatementOutcome.Matched;
        if (statement.Condition is null)
        {
            return result;
        }

        foreach (var (block, entry) in statement.Condition.AllEntries())
        {
            var condition = new CompiledCondition(block.Operator, entry.Key, entry.Values, variables);
            if (request.IsUnknown(entry.Key) && condition.Operator.Comparison != Comparison.Null)
            {
                result = StatementOutcome.Undetermined;
                continue;
            }

            var state = condition.Evaluate(request.Lookup, null);
            if (state == MatchState.False)
            {
                return StatementOutcome.NotMatched;
            }

            if (state == MatchState.Undetermined)
            {
                result = StatementOutcome.Undetermined;
            }
        }

        return result;
    }

    private static bool PrincipalApplies(PolicyStatement statement)
    {
        var principal = statement.Principal ?? statement.NotPrincipal;
        if (principal is null)
        {
            return false;
        }

        var listed = principal.IsWildcard || (principal.Get(PolicyPrincipal.Aws)?.Contains("*") ?? false) || ListsService(principal.Get(PolicyPrincipal.Service));
        return statement.Principal is not null ? listed : !listed;
    }

    private static bool ListsService(PolicyValueList? services)
    {
        if (services is null)
        {
            return false;
        }

        foreach (var service in services)
        {
            if (string.Equals(service, PodIdentityTrustPolicy.ServicePrincipal, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ActionApplies(PolicyStatement statement, string action)
    {
        var actions = statement.Action ?? statement.NotAction;
        if (actions is null)
        {
            return false;
        }

        var listed = false;
        foreach (var pattern in actions)
        {
            if (WildcardMatcher.IsMatch(action, pattern, ignoreCase: true))
            {
                listed = true;
                break;
            }
        }

        return statement.Action is not null ? listed : !listed;
    }
}
