using System;
using System.Collections.Generic;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy;

/// <summary>
/// Adds and removes IRSA subjects (and whole clusters) in an existing trust policy, whoever wrote it, without
/// touching unrelated statements and without ever broadening access by accident:
/// <list type="bullet">
/// <item>Add: nothing changes when a statement already admits the subject exactly; otherwise the sub value joins an
/// existing statement of exactly the IRSA shape (same provider, operator and audience), or a new statement is
/// appended. Adding twice is the same as adding once.</item>
/// <item>Remove: the sub value is taken out of every Allow statement trusting the provider; a statement whose last
/// sub value goes is dropped (or, when it also trusts other principals, that provider and its issuer's conditions
/// are removed from it), never left without a sub condition.</item>
/// <item>Remove a cluster: Allow statements trusting only that provider are dropped; statements that also trust
/// others lose that provider and the conditions keyed on its issuer.</item>
/// </list>
/// Deny statements are never modified. The input document is never modified; every call returns a
/// <see cref="TrustPolicyEdit"/>. All validation happens before anything is computed.
/// </summary>
internal static class TrustPolicyEditor
{
    /// <summary>Adds one subject. See <see cref="AddSubjects"/>.</summary>
    public static TrustPolicyEdit AddSubject(PolicyDocument document, string partition, string accountId, IrsaSubject subject, bool allowWildcards = false) =>
        AddSubjects(document, partition, accountId, [subject], allowWildcards);

    /// <summary>
    /// Adds subjects. Throws <c>WildcardNotAllowed</c> for a wildcard subject without <paramref name="allowWildcards"/>
    /// and <c>NoTrustSubjects</c> for an empty list, before anything else.
    /// </summary>
    public static TrustPolicyEdit AddSubjects(PolicyDocument document, string partition, string accountId, IEnumerable<IrsaSubject> subjects, bool allowWildcards = false)
    {
        var list = ValidateSubjects(document, partition, accountId, subjects);
        foreach (var subject in list)
        {
            subject.EnsureWildcardAllowed(allowWildcards);
        }

        var working = document.Clone();
        var origin = OriginalIndexes(working);
        var changes = new List<string>();
        foreach (var subject in list)
        {
            var providerArn = subject.Issuer.ProviderArn(partition, accountId);
            var admitting = IrsaStatementShape.FindStatementAdmitting(working, subject, providerArn);
            if (admitting >= 0)
            {
                changes.Add($"{subject.SubjectValue} ({subject.Issuer.HostPath}, aud {subject.Audience}) is already admitted by {Name(working, admitting, origin)}; nothing to add.");
                continue;
            }

            var conditionOperator = TrustPolicyBuilder.OperatorFor(subject);
            var target = FindCompatible(working, providerArn, subject, conditionOperator);
            if (target >= 0)
            {
                IrsaStatementShape.SubEntry(working.Statements[target], subject.Issuer).Values.Add(subject.SubjectValue);
                changes.Add($"Added {subject.SubjectValue} to the {conditionOperator} sub condition of {Name(working, target, origin)}.");
                continue;
            }

            working.Statements.Add(TrustPolicyBuilder.CreateStatement(providerArn, subject.Issuer, subject.Audience, conditionOperator, [subject.SubjectValue]));
            changes.Add($"Appended a new statement trusting {providerArn} for {subject.SubjectValue} ({conditionOperator}, aud {subject.Audience}).");
        }

        return new TrustPolicyEdit(working, document.ToJson(), changes, TrustBroadeningDetector.Compare(document, working));
    }

    /// <summary>Removes one subject. See <see cref="RemoveSubjects"/>.</summary>
    public static TrustPolicyEdit RemoveSubject(PolicyDocument document, string partition, string accountId, IrsaSubject subject) =>
        RemoveSubjects(document, partition, accountId, [subject]);

    /// <summary>
    /// Removes subjects from every Allow statement trusting their provider, whatever the audience (the subject's
    /// <see cref="IrsaSubject.Audience"/> is ignored: removing means that service account must lose the trust).
    /// A subject admitted only through a wildcard stays admitted; check with the evaluator.
    /// </summary>
    public static TrustPolicyEdit RemoveSubjects(PolicyDocument document, string partition, string accountId, IEnumerable<IrsaSubject> subjects)
    {
        var list = ValidateSubjects(document, partition, accountId, subjects);
        var working = document.Clone();
        var removal = new TrustPolicyRemoval(working);
        foreach (var subject in list)
        {
            removal.RemoveSubject(subject.Issuer.ProviderArn(partition, accountId), subject.Issuer, subject.SubjectValue);
        }

        return new TrustPolicyEdit(working, document.ToJson(), removal.Changes, TrustBroadeningDetector.Compare(document, working) | removal.Broadening);
    }

    /// <summary>Removes every trust in a cluster's OIDC provider (Allow statements only).</summary>
    public static TrustPolicyEdit RemoveProvider(PolicyDocument document, string partition, string accountId, OidcIssuer issuer)
    {
        ValidateCommon(document, partition, accountId);
        if (issuer is null)
        {
            throw new ArgumentNullException(nameof(issuer));
        }

        var working = document.Clone();
        var removal = new TrustPolicyRemoval(working);
        removal.RemoveProvider(issuer.ProviderArn(partition, accountId), issuer);
        return new TrustPolicyEdit(working, document.ToJson(), removal.Changes, TrustBroadeningDetector.Compare(document, working) | removal.Broadening);
    }

    private static int FindCompatible(PolicyDocument document, string providerArn, IrsaSubject subject, string conditionOperator)
    {
        for (var i = 0; i < document.Statements.Count; i++)
        {
            if (IrsaStatementShape.IsCompatible(document.Statements[i], providerArn, subject.Issuer, conditionOperator, subject.Audience))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<IrsaSubject> ValidateSubjects(PolicyDocument document, string partition, string accountId, IEnumerable<IrsaSubject> subjects)
    {
        ValidateCommon(document, partition, accountId);
        if (subjects is null)
        {
            throw new ArgumentNullException(nameof(subjects));
        }

        var list = new List<IrsaSubject>();
        foreach (var subject in subjects)
        {
            list.Add(subject ?? throw new ArgumentException("The subject list contains a null entry.", nameof(subjects)));
        }

        if (list.Count == 0)
        {
            throw new IrsaValidationException(ErrorIds.NoTrustSubjects, "No service account was given: name at least one namespace and service account.");
        }

        return list;
    }

    private static void ValidateCommon(PolicyDocument document, string partition, string accountId)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        AwsPartition.Validate(partition);
        AccountId.Validate(accountId);
    }

    private static Dictionary<PolicyStatement, int> OriginalIndexes(PolicyDocument document)
    {
        var indexes = new Dictionary<PolicyStatement, int>();
        for (var i = 0; i < document.Statements.Count; i++)
        {
            indexes[document.Statements[i]] = i;
        }

        return indexes;
    }

    private static string Name(PolicyDocument document, int index, Dictionary<PolicyStatement, int> origin)
    {
        var statement = document.Statements[index];
        return origin.TryGetValue(statement, out var original) ? statement.Describe(original) : "the statement added above";
    }
}
