using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// A trust policy compiled once and evaluated many times (the audit evaluates tens of thousands of
/// (role, service account) pairs): nothing is re-parsed, no regex is used, and <see cref="Decide"/> allocates nothing
/// on the common path. <see cref="Evaluate"/> additionally explains every statement.
/// Decision (IAM User Guide, "Policy evaluation logic"): a matching Deny gives ExplicitDeny; else a matching Allow
/// gives Allowed; else ImplicitDeny. A statement that might apply but contains a condition that cannot be evaluated
/// makes the decision Undetermined where it could change the answer (a possible Deny, or the only possible Allow).
/// </summary>
internal sealed class CompiledTrustPolicy
{
    private readonly CompiledStatement[] _statements;

    private CompiledTrustPolicy(CompiledStatement[] statements)
    {
        _statements = statements;
    }

    /// <summary>Compiles a parsed document. Policy variables are interpreted only for Version 2012-10-17.</summary>
    public static CompiledTrustPolicy Compile(PolicyDocument document)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        var statements = new CompiledStatement[document.Statements.Count];
        for (var i = 0; i < statements.Length; i++)
        {
            statements[i] = new CompiledStatement(i, document.Statements[i], document.SupportsPolicyVariables);
        }

        return new CompiledTrustPolicy(statements);
    }

    /// <summary>Parses and compiles JSON.</summary>
    public static CompiledTrustPolicy Compile(string json) => Compile(PolicyDocument.Parse(json));

    /// <summary>The decision alone, as fast as possible.</summary>
    public TrustDecision Decide(WebIdentityRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var allowed = false;
        var undeterminedAllow = false;
        var undeterminedDeny = false;
        foreach (var statement in _statements)
        {
            var outcome = statement.Evaluate(request, null);
            if (outcome == StatementOutcome.Matched)
            {
                if (statement.Effect == PolicyEffect.Deny)
                {
                    return TrustDecision.ExplicitDeny;
                }

                allowed = true;
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

        return Combine(allowed, undeterminedAllow, undeterminedDeny);
    }

    /// <summary>The decision with the deciding statement and every statement's checks.</summary>
    public TrustEvaluation Evaluate(WebIdentityRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var evaluations = new List<StatementEvaluation>(_statements.Length);
        StatementEvaluation? firstDeny = null;
        StatementEvaluation? firstAllow = null;
        StatementEvaluation? firstUndeterminedDeny = null;
        StatementEvaluation? firstUndeterminedAllow = null;
        foreach (var statement in _statements)
        {
            var checks = new List<TrustCheck>();
            var outcome = statement.Evaluate(request, checks);
            var evaluation = new StatementEvaluation(statement.Index, statement.Sid, statement.Effect, outcome, checks);
            evaluations.Add(evaluation);
            var isDeny = statement.Effect == PolicyEffect.Deny;
            if (outcome == StatementOutcome.Matched)
            {
                if (isDeny)
                {
                    firstDeny ??= evaluation;
                }
                else
                {
                    firstAllow ??= evaluation;
                }
            }
            else if (outcome == StatementOutcome.Undetermined)
            {
                if (isDeny)
                {
                    firstUndeterminedDeny ??= evaluation;
                }
                else
                {
                    firstUndeterminedAllow ??= evaluation;
                }
            }
        }

        if (firstDeny is not null)
        {
            return new TrustEvaluation(request, TrustDecision.ExplicitDeny, firstDeny, evaluations);
        }

        var decision = Combine(firstAllow is not null, firstUndeterminedAllow is not null, firstUndeterminedDeny is not null);
        var deciding = decision switch
        {
            TrustDecision.Allowed => firstAllow,
            TrustDecision.Undetermined => firstUndeterminedDeny ?? firstUndeterminedAllow,
            _ => null,
        };
        return new TrustEvaluation(request, decision, deciding, evaluations);
    }

    /// <summary>
    /// Combines the statement outcomes when no Deny definitely applies. A Deny that may apply turns a possible Allow
    /// into Undetermined; when nothing can allow, the request is denied either way and reported as ImplicitDeny.
    /// </summary>
    private static TrustDecision Combine(bool allowed, bool undeterminedAllow, bool undeterminedDeny)
    {
        if (undeterminedDeny)
        {
            return allowed || undeterminedAllow ? TrustDecision.Undetermined : TrustDecision.ImplicitDeny;
        }

        if (allowed)
        {
            return TrustDecision.Allowed;
        }

        return undeterminedAllow ? TrustDecision.Undetermined : TrustDecision.ImplicitDeny;
    }
}
