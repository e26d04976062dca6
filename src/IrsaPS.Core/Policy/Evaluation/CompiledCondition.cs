using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// One (operator, key, values) triple of a Condition, precompiled. Semantics, from the IAM User Guide:
/// <list type="bullet">
/// <item>"Conditions with multiple context keys or values": several values of one key are ORed; for a negated
/// operator (StringNotEquals, NotIpAddress, ArnNotLike, ...) they are NORed: it matches only when the request value
/// matches none of them.</item>
/// <item>"Condition operators" (Important note): a key missing from the request makes a positive operator false and
/// a negated operator true; <c>...IfExists</c> makes a missing key true; <c>Null</c> tests presence itself
/// (<c>true</c> = the key is absent or empty).</item>
/// <item>"Single-valued vs. multivalued context keys": ForAllValues is true when every request value matches (and when
/// the key is missing or empty); ForAnyValue is true when at least one does (false when missing). A plain operator on
/// a key with several request values is treated like ForAnyValue (any value matches; a negated operator: none does),
/// since IAM documents no other meaning and requires a set operator there.</item>
/// </list>
/// </summary>
internal sealed class CompiledCondition
{
    private readonly ConditionValue[] _values;

    public CompiledCondition(string conditionOperator, string key, PolicyValueList values, bool variables)
    {
        Operator = ConditionOperator.Parse(conditionOperator);
        Key = key;
        Expected = values.ToArrayOfText();
        _values = new ConditionValue[Expected.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            // Null takes only true/false: a ${...} there is not a value IrsaPS can resolve, so it stays unparsable.
            var resolveVariables = variables && Operator.IsKnown && Operator.Comparison != Comparison.Null;
            _values[i] = ConditionValue.Compile(Expected[i], Operator.Comparison, resolveVariables);
        }
    }

    public ConditionOperator Operator { get; }

    public string Key { get; }

    public string[] Expected { get; }

    public MatchState Evaluate(WebIdentityRequest request, List<TrustCheck>? explanation) => Evaluate(request.LookupFunction, explanation);

    /// <summary>Evaluates against any request context: <paramref name="lookup"/> gives a key's values, or null when the request lacks it.</summary>
    public MatchState Evaluate(Func<string, IReadOnlyList<string>?> lookup, List<TrustCheck>? explanation)
    {
        string? problem = null;
        var actual = lookup(Key);
        var state = EvaluateCore(lookup, actual, ref problem);
        if (explanation is not null)
        {
            var reason = state == MatchState.Undetermined
                ? $"{Operator.Text} on {Key} cannot be evaluated: {problem}."
                : Explain(state, actual);
            explanation.Add(new TrustCheck(TrustElement.Condition, MatchStates.ToNullable(state), reason, Expected, actual, Operator.Text, Key));
        }

        return state;
    }

    private MatchState EvaluateCore(Func<string, IReadOnlyList<string>?> request, IReadOnlyList<string>? actual, ref string? problem)
    {
        if (!Operator.IsKnown)
        {
            problem = $"'{Operator.Text}' is not a condition operator IrsaPS can evaluate";
            return MatchState.Undetermined;
        }

        var missing = actual is null || actual.Count == 0;
        if (Operator.Comparison == Comparison.Null)
        {
            return EvaluateNull(missing, ref problem);
        }

        if (missing)
        {
            if (Operator.IfExists || Operator.Qualifier == SetQualifier.ForAllValues)
            {
                return MatchState.True;
            }

            if (Operator.Qualifier == SetQualifier.ForAnyValue)
            {
                return MatchState.False;
            }

            return Operator.Negated ? MatchState.True : MatchState.False;
        }

        var values = actual!;
        switch (Operator.Qualifier)
        {
            case SetQualifier.ForAllValues:
                var all = MatchState.True;
                for (var i = 0; i < values.Count && all != MatchState.False; i++)
                {
                    var one = PerRequestValue(request, values[i], ref problem);
                    all = one == MatchState.False ? MatchState.False : (one == MatchState.Undetermined ? MatchState.Undetermined : all);
                }

                return all;
            case SetQualifier.ForAnyValue:
                var some = MatchState.False;
                for (var i = 0; i < values.Count && some != MatchState.True; i++)
                {
                    var one = PerRequestValue(request, values[i], ref problem);
                    some = one == MatchState.True ? MatchState.True : (one == MatchState.Undetermined ? MatchState.Undetermined : some);
                }

                return some;
            default:
                var any = MatchState.False;
                for (var i = 0; i < values.Count && any != MatchState.True; i++)
                {
                    var one = AnyPolicyValue(request, values[i], ref problem);
                    any = one == MatchState.True ? MatchState.True : (one == MatchState.Undetermined ? MatchState.Undetermined : any);
                }

                return Operator.Negated ? MatchStates.Not(any) : any;
        }
    }

    private MatchState EvaluateNull(bool missing, ref string? problem)
    {
        var state = MatchState.False;
        foreach (var value in _values)
        {
            if (value.Problem is not null)
            {
                problem ??= value.Problem;
                state = state == MatchState.True ? state : MatchState.Undetermined;
            }
            else if (value.Boolean == missing)
            {
                state = MatchState.True;
            }
        }

        return state;
    }

    /// <summary>For set operators: does this one request value satisfy the operator (OR, or NOR when negated)?</summary>
    private MatchState PerRequestValue(Func<string, IReadOnlyList<string>?> request, string actual, ref string? problem)
    {
        var any = AnyPolicyValue(request, actual, ref problem);
        return Operator.Negated ? MatchStates.Not(any) : any;
    }

    /// <summary>Does the request value match at least one policy value under the positive comparison?</summary>
    private MatchState AnyPolicyValue(Func<string, IReadOnlyList<string>?> request, string actual, ref string? problem)
    {
        var state = MatchState.False;
        foreach (var expected in _values)
        {
            var value = expected;
            if (expected.Template is not null)
            {
                if (!expected.Template.TryResolve(request, out var text, out var mask, out var variableProblem))
                {
                    problem ??= variableProblem;
                    state = MatchState.Undetermined;
                    continue;
                }

                value = ConditionValue.Prepare(text, mask, Operator.Comparison);
            }

            var one = ValueComparer.Compare(Operator.Comparison, actual, value, ref problem);
            if (one == MatchState.True)
            {
                return MatchState.True;
            }

            if (one == MatchState.Undetermined)
            {
                state = MatchState.Undetermined;
            }
        }

        return state;
    }

    private string Explain(MatchState state, IReadOnlyList<string>? actual)
    {
        if (Operator.Comparison == Comparison.Null)
        {
            var has = actual is null || actual.Count == 0 ? "has no" : "has";
            return $"the request {has} {Key}, so Null {Expected.JoinValues()} is {(state == MatchState.True ? "true" : "false")}";
        }

        if (actual is null || actual.Count == 0)
        {
            if (Operator.IfExists)
            {
                return $"the request has no {Key}, and {Operator.Text} is true when the key is missing";
            }

            return Operator.Qualifier switch
            {
                SetQualifier.ForAllValues => $"the request has no {Key}, and ForAllValues is true when the key is missing or empty",
                SetQualifier.ForAnyValue => $"the request has no {Key}, and ForAnyValue is false when the key is missing",
                _ => Operator.Negated
                    ? $"the request has no {Key}, and a negated operator ({Operator.Text}) is true when the key is missing"
                    : $"the request has no {Key}, so {Operator.Text} cannot match",
            };
        }

        var actualText = actual.JoinValues();
        var expectedText = Expected.JoinValues();
        var several = actual.Count > 1 && Operator.Qualifier == SetQualifier.None
            ? " (several request values without ForAnyValue/ForAllValues: evaluated as any-value)"
            : string.Empty;
        var matched = state == MatchState.True;
        if (Operator.Negated)
        {
            return matched
                ? $"{Key} {actualText} matches none of {expectedText}, as {Operator.Text} requires{several}"
                : $"{Key} {actualText} matches one of {expectedText}, which {Operator.Text} excludes{several}";
        }

        return matched
            ? $"{Key} {actualText} matches {expectedText} under {Operator.Text}{several}"
            : $"{Key} {actualText} does not match {expectedText} under {Operator.Text}{several}";
    }
}

/// <summary>Small helpers for value lists in explanations.</summary>
internal static class ValueText
{
    public static string[] ToArrayOfText(this PolicyValueList values)
    {
        var result = new string[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    public static string JoinValues(this IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            return "'" + values[0] + "'";
        }

        var parts = new string[values.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = "'" + values[i] + "'";
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
