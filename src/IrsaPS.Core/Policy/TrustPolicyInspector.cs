using System;
using System.Collections.Generic;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy;

/// <summary>
/// Reads any trust document (IrsaPS's, eksctl's, terraform's, hand-written) and lists, per statement, what it grants
/// to web identities: providers, actions, <c>sub</c> patterns with their operator and kind, <c>aud</c> values,
/// issuers left without a <c>sub</c> condition, and whether the document also lets <c>"*"</c> or an account root call
/// <c>sts:AssumeRole</c> unconditionally. This is structure; the evaluator gives precise answers.
/// </summary>
internal static class TrustPolicyInspector
{
    private const string SubSuffix = ":sub";
    private const string AudSuffix = ":aud";
    private const string AssumeRole = "sts:AssumeRole";

    /// <summary>Inspects every statement.</summary>
    public static TrustPolicyReport Inspect(PolicyDocument document)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        var grants = new List<IrsaGrant>();
        var subjects = new List<AdmittedSubject>();
        var seenSubjects = new HashSet<string>(StringComparer.Ordinal);
        var broad = new List<BroadAssumeRoleGrant>();
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            var grant = InspectStatement(i, statement, out var audiencesByIssuer);
            if (grant is not null)
            {
                grants.Add(grant);
                CollectSubjects(grant, audiencesByIssuer, subjects, seenSubjects);
            }

            CollectBroadAssumeRole(i, statement, broad);
        }

        return new TrustPolicyReport(grants, subjects, broad);
    }

    /// <summary>The (issuer, namespace, service account) subjects the document's Allow statements admit, for quick listing.</summary>
    public static IReadOnlyList<AdmittedSubject> ListSubjects(PolicyDocument document) => Inspect(document).Subjects;

    /// <summary>True when an action list (or NotAction list) covers <paramref name="action"/>, with IAM's wildcards.</summary>
    internal static bool Covers(PolicyStatement statement, string action)
    {
        var list = statement.Action ?? statement.NotAction;
        var listed = false;
        if (list is not null)
        {
            foreach (var pattern in list)
            {
                if (WildcardMatcher.IsMatch(action, pattern, ignoreCase: true))
                {
                    listed = true;
                    break;
                }
            }
        }

        return statement.Action is null ? !listed : listed;
    }

    internal static IrsaGrant? InspectStatement(int index, PolicyStatement statement, out Dictionary<string, List<string>> audiencesByIssuer)
    {
        audiencesByIssuer = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var principal = statement.Principal ?? statement.NotPrincipal;
        if (principal is null)
        {
            return null;
        }

        var wildcard = principal.IsWildcard || (principal.Get(PolicyPrincipal.Aws)?.Contains("*") ?? false);
        var providerArns = new List<string>();
        var issuers = new List<OidcIssuer>();
        foreach (var value in principal.Get(PolicyPrincipal.Federated) ?? new PolicyValueList())
        {
            if (OidcProviderArns.TryGetIssuer(value, out var issuer))
            {
                providerArns.Add(value);
                issuers.Add(issuer);
            }
        }

        var allowsWebIdentity = Covers(statement, TrustPolicyBuilder.WebIdentityAction);
        if (providerArns.Count == 0 && !(wildcard && allowsWebIdentity))
        {
            return null;
        }

        var subjects = new List<SubjectCondition>();
        var audiences = new List<string>();
        var others = new List<string>();
        if (statement.Condition is not null)
        {
            foreach (var (block, entry) in statement.Condition.AllEntries())
            {
                var op = ConditionOperator.Parse(block.Operator);
                if (EndsWith(entry.Key, SubSuffix))
                {
                    var hostPath = entry.Key.Substring(0, entry.Key.Length - SubSuffix.Length);
                    var trusted = wildcard || ContainsIssuer(issuers, hostPath);
                    foreach (var value in entry.Values)
                    {
                        subjects.Add(new SubjectCondition(block.Operator, entry.Key, hostPath, value, KindOf(op, value), trusted));
                    }
                }
                else if (EndsWith(entry.Key, AudSuffix) && IsPositiveString(op))
                {
                    var hostPath = entry.Key.Substring(0, entry.Key.Length - AudSuffix.Length);
                    if (!audiencesByIssuer.TryGetValue(hostPath, out var list))
                    {
                        list = [];
                        audiencesByIssuer.Add(hostPath, list);
                    }

                    foreach (var value in entry.Values)
                    {
                        AddDistinct(list, value);
                        AddDistinct(audiences, value);
                    }
                }
                else
                {
                    others.Add(block.Operator + ":" + entry.Key);
                }
            }
        }

        var withoutSubject = new List<OidcIssuer>();
        foreach (var issuer in issuers)
        {
            if (!HasAdmittingSubject(subjects, issuer.HostPath))
            {
                withoutSubject.Add(issuer);
            }
        }

        var actions = new List<string>(statement.Action ?? statement.NotAction ?? new PolicyValueList());
        return new IrsaGrant(
            index,
            statement.Sid,
            statement.Effect,
            wildcard,
            statement.Principal is null,
            providerArns,
            issuers,
            actions,
            statement.Action is null,
            allowsWebIdentity,
            subjects,
            audiences,
            withoutSubject,
            others);
    }

    internal static SubjectMatchKind KindOf(ConditionOperator op, string value)
    {
        if (!op.IsKnown || op.Comparison is not (Comparison.StringEquals or Comparison.StringEqualsIgnoreCase or Comparison.StringLike))
        {
            return SubjectMatchKind.Other;
        }

        if (op.Negated)
        {
            return SubjectMatchKind.Negated;
        }

        var hasWildcard = WildcardMatcher.HasWildcard(value);
        if (op.Comparison == Comparison.StringLike)
        {
            return hasWildcard ? SubjectMatchKind.Wildcard : SubjectMatchKind.Exact;
        }

        return hasWildcard ? SubjectMatchKind.NeverMatches : SubjectMatchKind.Exact;
    }

    internal static bool IsPositiveString(ConditionOperator op) =>
        op.IsKnown && !op.Negated
        && op.Comparison is Comparison.StringEquals or Comparison.StringEqualsIgnoreCase or Comparison.StringLike;

    private static void CollectSubjects(IrsaGrant grant, Dictionary<string, List<string>> audiencesByIssuer, List<AdmittedSubject> subjects, HashSet<string> seen)
    {
        if (grant.Effect != PolicyEffect.Allow || !grant.AllowsWebIdentity || grant.PrincipalIsNegated)
        {
            return;
        }

        foreach (var subject in grant.Subjects)
        {
            if (subject.Kind is not (SubjectMatchKind.Exact or SubjectMatchKind.Wildcard) || !subject.IssuerIsTrusted
                || subject.Namespace is null || subject.ServiceAccountName is null)
            {
                continue;
            }

            var issuer = FindIssuer(grant.Issuers, subject.IssuerHostPath);
            if (issuer is null && !OidcIssuer.TryParse(subject.IssuerHostPath, out issuer))
            {
                continue;
            }

            if (!seen.Add(issuer.HostPath + "\n" + subject.Namespace + "\n" + subject.ServiceAccountName))
            {
                continue;
            }

            IReadOnlyList<string> audiences = audiencesByIssuer.TryGetValue(subject.IssuerHostPath, out var list) ? list : [];
            subjects.Add(new AdmittedSubject(issuer, subject.Namespace, subject.ServiceAccountName, subject.Kind == SubjectMatchKind.Wildcard, audiences, grant.StatementIndex));
        }
    }

    private static void CollectBroadAssumeRole(int index, PolicyStatement statement, List<BroadAssumeRoleGrant> broad)
    {
        if (statement.Effect != PolicyEffect.Allow || (statement.Condition is not null && statement.Condition.Blocks.Count > 0)
            || !Covers(statement, AssumeRole))
        {
            return;
        }

        var actions = new List<string>(statement.Action ?? statement.NotAction ?? new PolicyValueList());
        if (statement.NotPrincipal is not null)
        {
            broad.Add(new BroadAssumeRoleGrant(index, statement.Sid, "NotPrincipal:" + statement.NotPrincipal, actions));
            return;
        }

        var principal = statement.Principal;
        if (principal is null)
        {
            return;
        }

        if (principal.IsWildcard)
        {
            broad.Add(new BroadAssumeRoleGrant(index, statement.Sid, "*", actions));
            return;
        }

        foreach (var value in principal.Get(PolicyPrincipal.Aws) ?? new PolicyValueList())
        {
            if (value == "*" || IsAccountRoot(value))
            {
                broad.Add(new BroadAssumeRoleGrant(index, statement.Sid, PolicyPrincipal.Aws + ":" + value, actions));
            }
        }
    }

    private static bool IsAccountRoot(string value)
    {
        if (AccountId.IsValid(value))
        {
            return true;
        }

        return Arn.TryParse(value, out var arn) && arn.Service == "iam" && arn.Resource == "root";
    }

    private static bool HasAdmittingSubject(List<SubjectCondition> subjects, string hostPath)
    {
        foreach (var subject in subjects)
        {
            if (subject.Kind is SubjectMatchKind.Exact or SubjectMatchKind.Wildcard or SubjectMatchKind.NeverMatches
                && string.Equals(subject.IssuerHostPath, hostPath, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsIssuer(List<OidcIssuer> issuers, string hostPath) => FindIssuer(issuers, hostPath) is not null;

    private static OidcIssuer? FindIssuer(IReadOnlyList<OidcIssuer> issuers, string hostPath)
    {
        foreach (var issuer in issuers)
        {
            if (string.Equals(issuer.HostPath, hostPath, StringComparison.OrdinalIgnoreCase))
            {
                return issuer;
            }
        }

        return null;
    }

    private static bool EndsWith(string key, string suffix) =>
        key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);

    private static void AddDistinct(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
