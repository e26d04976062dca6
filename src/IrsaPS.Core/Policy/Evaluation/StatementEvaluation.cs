using System.Collections.Generic;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>How one statement fared against the request, with every element check.</summary>
internal sealed class StatementEvaluation
{
    internal StatementEvaluation(int index, string? sid, PolicyEffect effect, StatementOutcome outcome, IReadOnlyList<TrustCheck> checks)
    {
        Index = index;
        Sid = sid;
        Effect = effect;
        Outcome = outcome;
        Checks = checks;
    }

    /// <summary>Zero-based position in the document's Statement list.</summary>
    public int Index { get; }

    public string? Sid { get; }

    public PolicyEffect Effect { get; }

    public StatementOutcome Outcome { get; }

    /// <summary>Every check made, in order (principal, action, each condition key).</summary>
    public IReadOnlyList<TrustCheck> Checks { get; }

    /// <summary>The checks that did not pass (false or cannot evaluate).</summary>
    public IReadOnlyList<TrustCheck> Failures
    {
        get
        {
            var failures = new List<TrustCheck>();
            foreach (var check in Checks)
            {
                if (check.Passed != true)
                {
                    failures.Add(check);
                }
            }

            return failures;
        }
    }

    /// <summary><c>statement 1 (Sid "x", Allow)</c>.</summary>
    public string Name => string.IsNullOrEmpty(Sid) ? $"statement {Index} ({Effect})" : $"statement {Index} (Sid \"{Sid}\", {Effect})";

    public override string ToString() => Name + ": " + Outcome;
}
