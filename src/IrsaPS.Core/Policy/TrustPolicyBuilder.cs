using System;
using System.Collections.Generic;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy;

/// <summary>
/// Builds IRSA trust policies: for each (issuer, audience, operator) one statement
/// <c>{"Effect":"Allow","Principal":{"Federated":"arn:&lt;partition&gt;:iam::&lt;account&gt;:oidc-provider/&lt;issuer&gt;"},
/// "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"&lt;issuer&gt;:sub":…,"&lt;issuer&gt;:aud":…}}}</c>,
/// the shape of the AWS documentation, eksctl and the terraform module. <c>sub</c> values are sorted and de-duplicated,
/// a single value is written as a string. StringLike is used only for wildcard subjects, and only when the caller
/// allows wildcards. The result is deterministic: the same subjects in any order give the same JSON.
/// </summary>
internal static class TrustPolicyBuilder
{
    /// <summary>The action IRSA trust statements allow.</summary>
    public const string WebIdentityAction = "sts:AssumeRoleWithWebIdentity";

    /// <summary>The operator for exact subjects.</summary>
    public const string ExactOperator = "StringEquals";

    /// <summary>The operator for wildcard subjects.</summary>
    public const string WildcardOperator = "StringLike";

    /// <summary>
    /// A new trust policy admitting exactly <paramref name="subjects"/>. Throws <c>NoTrustSubjects</c> for none,
    /// <c>WildcardNotAllowed</c> for a wildcard subject without <paramref name="allowWildcards"/>, and
    /// <c>InvalidPartition</c>/<c>InvalidAccountId</c> for a bad account.
    /// </summary>
    public static PolicyDocument Build(string partition, string accountId, IEnumerable<IrsaSubject> subjects, bool allowWildcards = false)
    {
        AwsPartition.Validate(partition);
        AccountId.Validate(accountId);
        if (subjects is null)
        {
            throw new ArgumentNullException(nameof(subjects));
        }

        var groups = new SortedDictionary<(string Issuer, string Audience, string Operator), SortedSet<string>>(GroupOrder.Instance);
        var issuers = new Dictionary<string, OidcIssuer>(StringComparer.Ordinal);
        foreach (var subject in subjects)
        {
            if (subject is null)
            {
                throw new ArgumentException("The subject list contains a null entry.", nameof(subjects));
            }

            subject.EnsureWildcardAllowed(allowWildcards);
            var key = (subject.Issuer.HostPath, subject.Audience, OperatorFor(subject));
            if (!groups.TryGetValue(key, out var values))
            {
                values = new SortedSet<string>(StringComparer.Ordinal);
                groups.Add(key, values);
            }

            values.Add(subject.SubjectValue);
            issuers[subject.Issuer.HostPath] = subject.Issuer;
        }

        if (groups.Count == 0)
        {
            throw new IrsaValidationException(
                ErrorIds.NoTrustSubjects,
                "A trust policy needs at least one service account: give a namespace and a service account name.");
        }

        var document = new PolicyDocument();
        foreach (var group in groups)
        {
            var issuer = issuers[group.Key.Issuer];
            document.Statements.Add(CreateStatement(issuer.ProviderArn(partition, accountId), issuer, group.Key.Audience, group.Key.Operator, group.Value));
        }

        return document;
    }

    /// <summary>The compact JSON of <see cref="Build"/>.</summary>
    public static string BuildJson(string partition, string accountId, IEnumerable<IrsaSubject> subjects, bool allowWildcards = false) =>
        Build(partition, accountId, subjects, allowWildcards).ToJson();

    /// <summary>StringLike for wildcard subjects, StringEquals otherwise.</summary>
    public static string OperatorFor(IrsaSubject subject)
    {
        if (subject is null)
        {
            throw new ArgumentNullException(nameof(subject));
        }

        return subject.HasWildcard ? WildcardOperator : ExactOperator;
    }

    /// <summary>One IRSA statement for a provider, audience, operator and sub values.</summary>
    internal static PolicyStatement CreateStatement(string providerArn, OidcIssuer issuer, string audience, string conditionOperator, IEnumerable<string> subjectValues)
    {
        var block = new ConditionBlock(conditionOperator);
        block.Entries.Add(new ConditionEntry(issuer.SubKey, PolicyValueList.Of(subjectValues)));
        block.Entries.Add(new ConditionEntry(issuer.AudKey, PolicyValueList.Of(audience)));
        var condition = new PolicyCondition();
        condition.Blocks.Add(block);
        return new PolicyStatement(PolicyEffect.Allow)
        {
            Principal = PolicyPrincipal.Of(PolicyPrincipal.Federated, PolicyValueList.Of(providerArn)),
            Action = PolicyValueList.Of(WebIdentityAction),
            Condition = condition,
        };
    }

    private sealed class GroupOrder : IComparer<(string Issuer, string Audience, string Operator)>
    {
        public static readonly GroupOrder Instance = new();

        public int Compare((string Issuer, string Audience, string Operator) x, (string Issuer, string Audience, string Operator) y)
        {
            var order = string.CompareOrdinal(x.Issuer, y.Issuer);
            if (order == 0)
            {
                order = string.CompareOrdinal(x.Audience, y.Audience);
            }

            return order != 0 ? order : string.CompareOrdinal(x.Operator, y.Operator);
        }
    }
}
