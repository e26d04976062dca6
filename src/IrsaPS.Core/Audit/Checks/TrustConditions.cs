using System;
using System.Collections.Generic;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>Reading the <c>aud</c> conditions of a statement for one issuer, and whether they admit an audience.</summary>
internal static class TrustConditions
{
    /// <summary>The positive string conditions on <c>&lt;issuer&gt;:aud</c> of the statement (each must hold).</summary>
    public static List<(ConditionOperator Operator, IReadOnlyList<string> Values)> AudienceConditions(PolicyStatement statement, string audKey)
    {
        var result = new List<(ConditionOperator, IReadOnlyList<string>)>();
        if (statement.Condition is null)
        {
            return result;
        }

        foreach (var (block, entry) in statement.Condition.AllEntries())
        {
            if (!string.Equals(entry.Key, audKey, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var op = ConditionOperator.Parse(block.Operator);
            if (TrustPolicyInspector.IsPositiveString(op))
            {
                result.Add((op, entry.Values));
            }
        }

        return result;
    }

    /// <summary>True when every condition admits <paramref name="audience"/> (no condition admits all).</summary>
    public static bool Admits(List<(ConditionOperator Operator, IReadOnlyList<string> Values)> conditions, string audience)
    {
        foreach (var (op, values) in conditions)
        {
            var any = false;
            foreach (var value in values)
            {
                any |= op.Comparison switch
                {
                    Comparison.StringLike => WildcardMatcher.IsMatch(audience, value, ignoreCase: false),
                    Comparison.StringEqualsIgnoreCase => string.Equals(audience, value, StringComparison.OrdinalIgnoreCase),
                    _ => string.Equals(audience, value, StringComparison.Ordinal),
                };
            }

            if (!any)
            {
                return false;
            }
        }

        return true;
    }
}
