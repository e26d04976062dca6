using System.Collections.Generic;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy;

/// <summary>
/// One statement of a trust policy that concerns web identities: its principal includes an IAM OIDC provider, or is
/// <c>"*"</c> with an action covering <c>sts:AssumeRoleWithWebIdentity</c>. Structure only; evaluate the document with
/// <see cref="Evaluation.CompiledTrustPolicy"/> where a precise answer is needed.
/// </summary>
internal sealed class IrsaGrant
{
    internal IrsaGrant(
        int statementIndex,
        string? sid,
        PolicyEffect effect,
        bool principalIsWildcard,
        bool principalIsNegated,
        IReadOnlyList<string> providerArns,
        IReadOnlyList<OidcIssuer> issuers,
        IReadOnlyList<string> actions,
        bool actionIsNegated,
        bool allowsWebIdentity,
        IReadOnlyList<SubjectCondition> subjects,
        IReadOnlyList<string> audiences,
        IReadOnlyList<OidcIssuer> issuersWithoutSubject,
        IReadOnlyList<string> otherConditions)
    {
        StatementIndex = statementIndex;
        Sid = sid;
        Effect = effect;
        PrincipalIsWildcard = principalIsWildcard;
        PrincipalIsNegated = principalIsNegated;
        ProviderArns = providerArns;
        Issuers = issuers;
        Actions = actions;
        ActionIsNegated = actionIsNegated;
        AllowsWebIdentity = allowsWebIdentity;
        Subjects = subjects;
        Audiences = audiences;
        IssuersWithoutSubject = issuersWithoutSubject;
        OtherConditions = otherConditions;
    }

    public int StatementIndex { get; }

    public string? Sid { get; }

    public PolicyEffect Effect { get; }

    /// <summary>Principal is <c>"*"</c> or <c>{"AWS":"*"}</c>: every provider of the account.</summary>
    public bool PrincipalIsWildcard { get; }

    /// <summary>The statement uses NotPrincipal (the providers listed are excluded).</summary>
    public bool PrincipalIsNegated { get; }

    /// <summary>The OIDC provider ARNs in Federated (other Federated entries, e.g. SAML, are left out).</summary>
    public IReadOnlyList<string> ProviderArns { get; }

    /// <summary>The issuers of <see cref="ProviderArns"/>.</summary>
    public IReadOnlyList<OidcIssuer> Issuers { get; }

    /// <summary>Action (or NotAction) values as written.</summary>
    public IReadOnlyList<string> Actions { get; }

    public bool ActionIsNegated { get; }

    /// <summary>True when the actions cover <c>sts:AssumeRoleWithWebIdentity</c>.</summary>
    public bool AllowsWebIdentity { get; }

    /// <summary>Every value of every <c>&lt;issuer&gt;:sub</c> condition, with its operator and kind.</summary>
    public IReadOnlyList<SubjectCondition> Subjects { get; }

    /// <summary>The values of positive <c>&lt;issuer&gt;:aud</c> conditions; empty when there is none.</summary>
    public IReadOnlyList<string> Audiences { get; }

    /// <summary>True when some <c>aud</c> condition exists.</summary>
    public bool HasAudienceCondition => Audiences.Count > 0;

    /// <summary>True when the statement has at least one admitting (positive) <c>sub</c> condition.</summary>
    public bool HasSubjectCondition
    {
        get
        {
            foreach (var subject in Subjects)
            {
                if (subject.Kind is SubjectMatchKind.Exact or SubjectMatchKind.Wildcard or SubjectMatchKind.NeverMatches)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Trusted issuers with no admitting <c>sub</c> condition: every service account of those clusters may assume the role
    /// (if the other conditions hold). An Allow grant with entries here is what the audit flags.
    /// </summary>
    public IReadOnlyList<OidcIssuer> IssuersWithoutSubject { get; }

    /// <summary>Conditions other than sub/aud, as <c>Operator:key</c>.</summary>
    public IReadOnlyList<string> OtherConditions { get; }
}
