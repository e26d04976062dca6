using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>The comparison behind an operator; negated operators use the positive one and invert (NOR over values).</summary>
internal enum Comparison
{
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    NumericEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    ArnLike,
    Null,
}

/// <summary>The set operator prefix of an operator, for multivalued context keys.</summary>
internal enum SetQualifier
{
    None,
    ForAnyValue,
    ForAllValues,
}

/// <summary>
/// A parsed condition operator: <c>[ForAnyValue:|ForAllValues:]&lt;Operator&gt;[IfExists]</c>.
/// Source: IAM User Guide, "IAM JSON policy elements: Condition operators"
/// (reference_policies_elements_condition_operators.html) for the operator list and the negated forms, and
/// "Single-valued vs. multivalued context keys" for the set operators. Operator names are matched
/// case-insensitively; anything else is kept as unknown and evaluates as "cannot evaluate", never as a match.
/// </summary>
internal sealed class ConditionOperator
{
    private static readonly Dictionary<string, (Comparison Comparison, bool Negated)> BaseOperators =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["StringEquals"] = (Comparison.StringEquals, false),
            ["StringNotEquals"] = (Comparison.StringEquals, true),
            ["StringEqualsIgnoreCase"] = (Comparison.StringEqualsIgnoreCase, false),
            ["StringNotEqualsIgnoreCase"] = (Comparison.StringEqualsIgnoreCase, true),
            ["StringLike"] = (Comparison.StringLike, false),
            ["StringNotLike"] = (Comparison.StringLike, true),
            ["NumericEquals"] = (Comparison.NumericEquals, false),
            ["NumericNotEquals"] = (Comparison.NumericEquals, true),
            ["NumericLessThan"] = (Comparison.NumericLessThan, false),
            ["NumericLessThanEquals"] = (Comparison.NumericLessThanEquals, false),
            ["NumericGreaterThan"] = (Comparison.NumericGreaterThan, false),
            ["NumericGreaterThanEquals"] = (Comparison.NumericGreaterThanEquals, false),
            ["DateEquals"] = (Comparison.DateEquals, false),
            ["DateNotEquals"] = (Comparison.DateEquals, true),
            ["DateLessThan"] = (Comparison.DateLessThan, false),
            ["DateLessThanEquals"] = (Comparison.DateLessThanEquals, false),
            ["DateGreaterThan"] = (Comparison.DateGreaterThan, false),
            ["DateGreaterThanEquals"] = (Comparison.DateGreaterThanEquals, false),
            ["Bool"] = (Comparison.Bool, false),
            ["BinaryEquals"] = (Comparison.BinaryEquals, false),
            ["IpAddress"] = (Comparison.IpAddress, false),
            ["NotIpAddress"] = (Comparison.IpAddress, true),
            ["ArnEquals"] = (Comparison.ArnLike, false),
            ["ArnLike"] = (Comparison.ArnLike, false),
            ["ArnNotEquals"] = (Comparison.ArnLike, true),
            ["ArnNotLike"] = (Comparison.ArnLike, true),
            ["Null"] = (Comparison.Null, false),
        };

    private ConditionOperator(string text)
    {
        Text = text;
    }

    /// <summary>The operator as written.</summary>
    public string Text { get; }

    /// <summary>False when the operator is not one IAM defines (or an impossible combination such as NullIfExists).</summary>
    public bool IsKnown { get; private set; }

    public Comparison Comparison { get; private set; }

    /// <summary>True for StringNotEquals, NotIpAddress, ArnNotLike, ...: several values are NORed.</summary>
    public bool Negated { get; private set; }

    /// <summary>True for the <c>...IfExists</c> forms: a missing key makes the condition true.</summary>
    public bool IfExists { get; private set; }

    public SetQualifier Qualifier { get; private set; }

    public static ConditionOperator Parse(string text)
    {
        var result = new ConditionOperator(text);
        var rest = text;
        if (rest.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase))
        {
            result.Qualifier = SetQualifier.ForAnyValue;
            rest = rest.Substring("ForAnyValue:".Length);
        }
        else if (rest.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase))
        {
            result.Qualifier = SetQualifier.ForAllValues;
            rest = rest.Substring("ForAllValues:".Length);
        }

        if (rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase))
        {
            result.IfExists = true;
            rest = rest.Substring(0, rest.Length - "IfExists".Length);
        }

        if (BaseOperators.TryGetValue(rest, out var known))
        {
            result.Comparison = known.Comparison;
            result.Negated = known.Negated;

            // Null tests existence itself: it has no IfExists form and no set form.
            result.IsKnown = known.Comparison != Comparison.Null || (!result.IfExists && result.Qualifier == SetQualifier.None);
        }

        return result;
    }
}
