using System.Text;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>Readable renderings of a <see cref="TrustEvaluation"/>.</summary>
internal static class TrustEvaluationText
{
    public static string Summarize(TrustEvaluation evaluation)
    {
        var who = evaluation.Request.Subject is null
            ? evaluation.Request.ProviderArn
            : $"{evaluation.Request.Subject} via {evaluation.Request.ProviderArn}";
        var deciding = evaluation.DecidingStatement;
        return evaluation.Decision switch
        {
            TrustDecision.Allowed => $"Allowed: {deciding!.Name} lets {who} call {evaluation.Request.Action}.",
            TrustDecision.ExplicitDeny => $"Explicitly denied: {deciding!.Name} denies {evaluation.Request.Action} to {who}.",
            TrustDecision.Undetermined => $"Cannot be determined offline: {deciding!.Name} has a condition IrsaPS cannot evaluate for {who}.",
            _ => $"Implicitly denied: no statement allows {evaluation.Request.Action} to {who}.",
        };
    }

    public static string Render(TrustEvaluation evaluation)
    {
        var text = new StringBuilder();
        text.Append(Summarize(evaluation)).Append('\n');
        foreach (var statement in evaluation.Statements)
        {
            text.Append("  ").Append(statement.Name).Append(": ").Append(Describe(statement.Outcome)).Append('\n');
            foreach (var check in statement.Checks)
            {
                if (check.Passed == true && statement.Outcome != StatementOutcome.Matched)
                {
                    continue;
                }

                var mark = check.Passed switch
                {
                    true => "ok",
                    false => "no",
                    _ => "??",
                };
                text.Append("    [").Append(mark).Append("] ").Append(check.Element).Append(": ").Append(check.Reason).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Describe(StatementOutcome outcome) => outcome switch
    {
        StatementOutcome.Matched => "applies",
        StatementOutcome.Undetermined => "cannot be evaluated",
        _ => "does not apply",
    };
}
