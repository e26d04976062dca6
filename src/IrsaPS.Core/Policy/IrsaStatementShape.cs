using System;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy;

/// <summary>
/// Recognizes the statements the editor may touch: the exact IRSA shape it can add a <c>sub</c> value to, and
/// statements that already admit a subject exactly.
/// </summary>
internal static class IrsaStatementShape
{
    /// <summary>
    /// True when the statement is exactly an IRSA statement for this provider, operator and audience:
    /// Allow; Principal exactly <c>{"Federated": providerArn}</c>; Action exactly sts:AssumeRoleWithWebIdentity;
    /// no NotPrincipal/NotAction/Resource/NotResource or unknown fields; Condition exactly
    /// <c>{operator: {&lt;issuer&gt;:sub: …, &lt;issuer&gt;:aud: audience}}</c>. Adding a sub value to such a statement
    /// admits that subject and nothing else.
    /// </summary>
    public static bool IsCompatible(PolicyStatement statement, string providerArn, OidcIssuer issuer, string conditionOperator, string audience)
    {
        if (statement.Effect != PolicyEffect.Allow || statement.NotPrincipal is not null || statement.NotAction is not null
            || statement.Resource is not null || statement.NotResource is not null || statement.ExtraFields.Count > 0)
        {
            return false;
        }

        var principal = statement.Principal;
        if (principal is null || principal.IsWildcard || principal.Entries.Count != 1)
        {
            return false;
        }

        var federated = principal.Get(PolicyPrincipal.Federated);
        if (federated is null || federated.Count != 1 || !string.Equals(federated[0], providerArn, StringComparison.Ordinal))
        {
            return false;
        }

        var action = statement.Action;
        if (action is null || action.Count != 1 || !string.Equals(action[0], TrustPolicyBuilder.WebIdentityAction, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var condition = statement.Condition;
        if (condition is null || condition.Blocks.Count != 1)
        {
            return false;
        }

        var block = condition.Blocks[0];
        if (!string.Equals(block.Operator, conditionOperator, StringComparison.Ordinal) || block.Entries.Count != 2)
        {
            return false;
        }

        var sub = block.Find(issuer.SubKey);
        var aud = block.Find(issuer.AudKey);
        if (sub is null || aud is null || aud.Values.Count == 0)
        {
            return false;
        }

        foreach (var item in aud.Values.Items)
        {
            if (item.Kind != PolicyScalarKind.String || !string.Equals(item.Text, audience, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var item in sub.Values.Items)
        {
            if (item.Kind != PolicyScalarKind.String)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The sub entry of a compatible statement.</summary>
    public static ConditionEntry SubEntry(PolicyStatement statement, OidcIssuer issuer) =>
        statement.Condition!.Blocks[0].Find(issuer.SubKey)!;

    /// <summary>
    /// The index of an Allow statement that names the subject's value literally in a positive <c>sub</c> condition
    /// (StringLike for a wildcard subject) and, evaluated alone for (provider, sub, aud), applies: no other condition
    /// blocks it. -1 when there is none.
    /// </summary>
    public static int FindStatementAdmitting(PolicyDocument document, IrsaSubject subject, string providerArn)
    {
        WebIdentityRequest? request = null;
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            if (statement.Effect != PolicyEffect.Allow || !NamesSubject(statement, subject))
            {
                continue;
            }

            request ??= new WebIdentityRequest(providerArn, subject.SubjectValue, [subject.Audience]);
            var compiled = new CompiledStatement(i, statement, document.SupportsPolicyVariables);
            if (compiled.Evaluate(request, null) == StatementOutcome.Matched)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool NamesSubject(PolicyStatement statement, IrsaSubject subject)
    {
        if (statement.Condition is null)
        {
            return false;
        }

        foreach (var (block, entry) in statement.Condition.AllEntries())
        {
            if (!string.Equals(entry.Key, subject.Issuer.SubKey, StringComparison.OrdinalIgnoreCase) || !entry.Values.Contains(subject.SubjectValue))
            {
                continue;
            }

            var op = ConditionOperator.Parse(block.Operator);
            if (TrustPolicyInspector.IsPositiveString(op) && (!subject.HasWildcard || op.Comparison == Comparison.StringLike))
            {
                return true;
            }
        }

        return false;
    }
}
