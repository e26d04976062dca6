using System.Collections.Generic;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// One element check of one statement: what the statement expected, what the request had, and whether it matched
/// (<see cref="Passed"/> null = cannot evaluate).
/// </summary>
internal sealed class TrustCheck
{
    internal TrustCheck(TrustElement element, bool? passed, string reason, IReadOnlyList<string> expected, IReadOnlyList<string>? actual, string? conditionOperator = null, string? key = null)
    {
        Element = element;
        Passed = passed;
        Reason = reason;
        Expected = expected;
        Actual = actual;
        Operator = conditionOperator;
        Key = key;
    }

    public TrustElement Element { get; }

    /// <summary>True matched, false did not, null cannot be evaluated.</summary>
    public bool? Passed { get; }

    /// <summary>For conditions: the operator as written.</summary>
    public string? Operator { get; }

    /// <summary>For conditions: the key as written.</summary>
    public string? Key { get; }

    /// <summary>The statement's values (principals, actions, condition values).</summary>
    public IReadOnlyList<string> Expected { get; }

    /// <summary>The request's values, or null when the request does not have the key.</summary>
    public IReadOnlyList<string>? Actual { get; }

    /// <summary>Why, in one sentence.</summary>
    public string Reason { get; }

    public override string ToString() => Reason;
}
