using System.Collections.Generic;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// The decision for a request plus its explanation: which statement decided and, for every statement, which element
/// did not match and why. <see cref="ToText"/> renders it for people.
/// </summary>
internal sealed class TrustEvaluation
{
    internal TrustEvaluation(WebIdentityRequest request, TrustDecision decision, StatementEvaluation? deciding, IReadOnlyList<StatementEvaluation> statements)
    {
        Request = request;
        Decision = decision;
        DecidingStatement = deciding;
        Statements = statements;
    }

    public WebIdentityRequest Request { get; }

    public TrustDecision Decision { get; }

    /// <summary>True only for <see cref="TrustDecision.Allowed"/>.</summary>
    public bool IsAllowed => Decision == TrustDecision.Allowed;

    /// <summary>The statement that decided (the Deny, the Allow, or the first one that could not be evaluated); null for an implicit deny.</summary>
    public StatementEvaluation? DecidingStatement { get; }

    /// <summary>Index of <see cref="DecidingStatement"/>, or null.</summary>
    public int? DecidingStatementIndex => DecidingStatement?.Index;

    /// <summary>Sid of <see cref="DecidingStatement"/>, or null.</summary>
    public string? DecidingSid => DecidingStatement?.Sid;

    /// <summary>Every statement's evaluation, in document order.</summary>
    public IReadOnlyList<StatementEvaluation> Statements { get; }

    /// <summary>One sentence: the decision and why.</summary>
    public string Summary => TrustEvaluationText.Summarize(this);

    /// <summary>The decision and the reasons of every statement, one line per check that did not pass.</summary>
    public string ToText() => TrustEvaluationText.Render(this);

    public override string ToString() => Summary;
}
