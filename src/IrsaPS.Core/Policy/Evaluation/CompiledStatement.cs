using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// One statement prepared for fast, repeated evaluation against web-identity requests.
/// Principal rules (IAM User Guide, "AWS JSON policy elements: Principal" and "NotPrincipal"): <c>"*"</c> and
/// <c>{"AWS": "*"}</c> match every principal; a Federated principal matches the provider ARN exactly; NotPrincipal
/// matches every principal it does not list. Action rules ("Action", "NotAction"): case-insensitive, with
/// <c>*</c>/<c>?</c>; NotAction matches every action it does not list. Resource is not part of a trust policy and is
/// ignored here (see <see cref="TrustPolicyRules"/>).
/// </summary>
internal sealed class CompiledStatement
{
    private static readonly string[] NoValues = [];

    private readonly bool _principalIsWildcard;
    private readonly string[] _federated;
    private readonly string[] _principalValues;
    private readonly string[] _actions;
    private readonly CompiledCondition[] _conditions;

    public CompiledStatement(int index, PolicyStatement statement, bool variables)
    {
        Index = index;
        Sid = statement.Sid;
        Effect = statement.Effect;
        var principal = statement.Principal ?? statement.NotPrincipal;
        HasPrincipal = principal is not null;
        PrincipalIsNegated = statement.Principal is null && statement.NotPrincipal is not null;
        if (principal is not null)
        {
            _principalIsWildcard = principal.IsWildcard || ContainsStar(principal.Get(PolicyPrincipal.Aws));
            _federated = principal.Get(PolicyPrincipal.Federated)?.ToArrayOfText() ?? NoValues;
            _principalValues = Flatten(principal);
        }
        else
        {
            _federated = NoValues;
            _principalValues = NoValues;
        }

        var actions = statement.Action ?? statement.NotAction;
        ActionIsNegated = statement.Action is null;
        _actions = actions?.ToArrayOfText() ?? NoValues;

        var conditions = new List<CompiledCondition>();
        if (statement.Condition is not null)
        {
            foreach (var (block, entry) in statement.Condition.AllEntries())
            {
                conditions.Add(new CompiledCondition(block.Operator, entry.Key, entry.Values, variables));
            }
        }

        _conditions = conditions.ToArray();
    }

    public int Index { get; }

    public string? Sid { get; }

    public PolicyEffect Effect { get; }

    public bool HasPrincipal { get; }

    public bool PrincipalIsNegated { get; }

    public bool ActionIsNegated { get; }

    /// <summary>Evaluates; with an explanation list, every check is recorded (no short-circuit).</summary>
    public StatementOutcome Evaluate(WebIdentityRequest request, List<TrustCheck>? explanation)
    {
        var principal = MatchesPrincipal(request, explanation);
        if (!principal && explanation is null)
        {
            return StatementOutcome.NotMatched;
        }

        var action = MatchesAction(request, explanation);
        if (!action && explanation is null)
        {
            return StatementOutcome.NotMatched;
        }

        var conditions = MatchState.True;
        foreach (var condition in _conditions)
        {
            var state = condition.Evaluate(request, explanation);
            if (state == MatchState.False)
            {
                conditions = MatchState.False;
                if (explanation is null)
                {
                    break;
                }
            }
            else if (state == MatchState.Undetermined && conditions == MatchState.True)
            {
                conditions = MatchState.Undetermined;
            }
        }

        if (!principal || !action || conditions == MatchState.False)
        {
            return StatementOutcome.NotMatched;
        }

        return conditions == MatchState.True ? StatementOutcome.Matched : StatementOutcome.Undetermined;
    }

    private bool MatchesPrincipal(WebIdentityRequest request, List<TrustCheck>? explanation)
    {
        if (!HasPrincipal)
        {
            explanation?.Add(new TrustCheck(TrustElement.Principal, false, "the statement has no Principal, so it applies to no one", NoValues, [request.ProviderArn]));
            return false;
        }

        var listed = _principalIsWildcard || Contains(_federated, request.ProviderArn);
        var matched = PrincipalIsNegated ? !listed : listed;
        if (explanation is not null)
        {
            var element = PrincipalIsNegated ? TrustElement.NotPrincipal : TrustElement.Principal;
            string reason;
            if (PrincipalIsNegated)
            {
                reason = listed
                    ? $"NotPrincipal lists {(_principalIsWildcard ? "every principal (\"*\")" : request.ProviderArn)}, so the statement excludes this request"
                    : $"NotPrincipal does not list {request.ProviderArn}, so the statement applies to it";
            }
            else if (_principalIsWildcard)
            {
                reason = "Principal is \"*\" (everyone)";
            }
            else
            {
                reason = listed
                    ? $"Principal Federated includes {request.ProviderArn}"
                    : _federated.Length == 0
                        ? $"Principal has no Federated entry, so it does not include the OIDC provider {request.ProviderArn}"
                        : $"Principal Federated {((IReadOnlyList<string>)_federated).JoinValues()} does not include {request.ProviderArn}";
            }

            explanation.Add(new TrustCheck(element, matched, reason, _principalValues, [request.ProviderArn]));
        }

        return matched;
    }

    private bool MatchesAction(WebIdentityRequest request, List<TrustCheck>? explanation)
    {
        var listed = false;
        foreach (var pattern in _actions)
        {
            if (WildcardMatcher.IsMatch(request.Action, pattern, ignoreCase: true))
            {
                listed = true;
                break;
            }
        }

        var matched = ActionIsNegated ? !listed : listed;
        if (explanation is not null)
        {
            var list = ((IReadOnlyList<string>)_actions).JoinValues();
            var reason = ActionIsNegated
                ? (listed ? $"NotAction {list} covers {request.Action}, so the statement excludes it" : $"NotAction {list} does not cover {request.Action}, so the statement applies to it")
                : (listed ? $"Action {list} covers {request.Action}" : $"Action {list} does not cover {request.Action}");
            explanation.Add(new TrustCheck(ActionIsNegated ? TrustElement.NotAction : TrustElement.Action, matched, reason, _actions, [request.Action]));
        }

        return matched;
    }

    private static bool Contains(string[] values, string value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsStar(PolicyValueList? values) => values is not null && values.Contains("*");

    private static string[] Flatten(PolicyPrincipal principal)
    {
        if (principal.IsWildcard)
        {
            return ["*"];
        }

        var all = new List<string>();
        foreach (var entry in principal.Entries)
        {
            foreach (var value in entry.Values)
            {
                all.Add(entry.Type + ":" + value);
            }
        }

        return all.ToArray();
    }
}
