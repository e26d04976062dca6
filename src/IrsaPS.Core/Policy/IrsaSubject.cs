using System;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy;

/// <summary>
/// One service account (or, with wildcards, a pattern of service accounts) of one cluster that a role trusts:
/// the cluster's OIDC issuer, the namespace, the ServiceAccount name and the token audience.
/// The trust policy matches <see cref="SubjectValue"/> (<c>system:serviceaccount:&lt;ns&gt;:&lt;sa&gt;</c>) against
/// <c>&lt;issuer&gt;:sub</c> and <see cref="Audience"/> against <c>&lt;issuer&gt;:aud</c>.
/// Names are validated as Kubernetes does; <c>*</c> and <c>?</c> are accepted here (they are validated as patterns)
/// but every writer refuses them unless the caller explicitly allows wildcards.
/// </summary>
internal sealed record IrsaSubject
{
    /// <summary>The audience EKS pod identity webhook requests by default.</summary>
    public const string DefaultAudience = "sts.amazonaws.com";

    /// <summary>The prefix of every Kubernetes service-account token subject.</summary>
    public const string SubjectPrefix = "system:serviceaccount:";

    public IrsaSubject(OidcIssuer issuer, string @namespace, string serviceAccountName, string? audience = null)
    {
        Issuer = issuer ?? throw new ArgumentNullException(nameof(issuer));
        Namespace = KubernetesNames.ValidateNamespace(@namespace, allowWildcards: true);
        ServiceAccountName = KubernetesNames.ValidateServiceAccountName(serviceAccountName, allowWildcards: true);
        Audience = ValidateAudience(audience ?? DefaultAudience);
    }

    public OidcIssuer Issuer { get; }

    public string Namespace { get; }

    public string ServiceAccountName { get; }

    public string Audience { get; }

    /// <summary><c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>, the token's <c>sub</c> claim.</summary>
    public string SubjectValue => SubjectPrefix + Namespace + ":" + ServiceAccountName;

    /// <summary>True when the namespace or name holds <c>*</c> or <c>?</c> (a StringLike pattern).</summary>
    public bool HasWildcard => KubernetesNames.HasWildcard(Namespace) || KubernetesNames.HasWildcard(ServiceAccountName);

    /// <summary><c>namespace/name</c>, the target shown in confirmations.</summary>
    public string Target => Namespace + "/" + ServiceAccountName;

    /// <summary>
    /// Splits a <c>sub</c> value into namespace and name. True only for
    /// <c>system:serviceaccount:&lt;ns&gt;:&lt;sa&gt;</c> with non-empty parts and no further ':' (patterns included).
    /// </summary>
    public static bool TryParseSubjectValue(string? value, out string @namespace, out string serviceAccountName)
    {
        @namespace = string.Empty;
        serviceAccountName = string.Empty;
        if (value is null || !value.StartsWith(SubjectPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value.Substring(SubjectPrefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1 || rest.IndexOf(':', colon + 1) >= 0)
        {
            return false;
        }

        @namespace = rest.Substring(0, colon);
        serviceAccountName = rest.Substring(colon + 1);
        return true;
    }

    /// <summary>A subject from a <c>sub</c> value; throws <c>InvalidSubject</c> (or a name error) when it is not one.</summary>
    public static IrsaSubject FromSubjectValue(OidcIssuer issuer, string subjectValue, string? audience = null)
    {
        if (!TryParseSubjectValue(subjectValue, out var ns, out var sa))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidSubject,
                $"'{subjectValue}' is not a service-account subject: expected system:serviceaccount:<namespace>:<name>.",
                subjectValue);
        }

        return new IrsaSubject(issuer, ns, sa, audience);
    }

    /// <summary>Throws <c>WildcardNotAllowed</c> when the subject is a pattern and the caller did not allow wildcards.</summary>
    internal void EnsureWildcardAllowed(bool allowWildcards)
    {
        if (HasWildcard && !allowWildcards)
        {
            throw new IrsaValidationException(
                ErrorIds.WildcardNotAllowed,
                $"The subject '{SubjectValue}' contains a wildcard ('*' or '?'). A wildcard trusts every matching service account, "
                + "so it is written (as a StringLike condition) only when wildcards are explicitly allowed (-AllowWildcard).",
                Target);
        }
    }

    /// <summary>Checks a token audience and returns it; throws <c>InvalidAudience</c> (the shared rule: <see cref="TokenAudience"/>).</summary>
    public static string ValidateAudience(string audience) => TokenAudience.Validate(audience);

    public override string ToString() => Issuer.HostPath + " " + SubjectValue + " (aud " + Audience + ")";
}
