using System;
using System.Collections.Generic;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// An <c>sts:AssumeRoleWithWebIdentity</c> request as IAM evaluates it against a role's trust policy: the principal
/// is the IAM OIDC provider ARN (a Federated principal); the context holds <c>&lt;issuer&gt;:sub</c>,
/// <c>&lt;issuer&gt;:aud</c>, <c>&lt;issuer&gt;:amr</c> (multivalued) when given, and any other keys the caller
/// supplies. Context keys are looked up case-insensitively. Build one per (provider, subject) and reuse it.
/// </summary>
internal sealed class WebIdentityRequest
{
    /// <summary>The action IRSA performs.</summary>
    public const string AssumeRoleWithWebIdentity = "sts:AssumeRoleWithWebIdentity";

    private static readonly string[] NoValues = [];

    private readonly Dictionary<string, string[]> _context;

    /// <param name="providerArn">The IAM OIDC provider ARN, <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:oidc-provider/&lt;issuer host/path&gt;</c>.</param>
    /// <param name="subject">The token's <c>sub</c>, e.g. <c>system:serviceaccount:web:app</c>; null leaves the key out.</param>
    /// <param name="audiences">The token's <c>aud</c> value(s); null leaves the key out.</param>
    /// <param name="authenticationMethods">The token's <c>amr</c> values (multivalued); null leaves the key out.</param>
    /// <param name="contextKeys">Other context keys (one or many values each). The sub/aud/amr parameters win over the same keys here.</param>
    /// <param name="action">The requested action; <see cref="AssumeRoleWithWebIdentity"/> unless evaluating something else.</param>
    public WebIdentityRequest(
        string providerArn,
        string? subject,
        IEnumerable<string>? audiences = null,
        IEnumerable<string>? authenticationMethods = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? contextKeys = null,
        string action = AssumeRoleWithWebIdentity)
    {
        var issuer = OidcIssuer.FromProviderArn(providerArn);
        LookupFunction = Lookup;
        ProviderArn = providerArn;
        IssuerHostPath = issuer.HostPath;
        Action = string.IsNullOrEmpty(action) ? AssumeRoleWithWebIdentity : action;
        _context = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (contextKeys is not null)
        {
            foreach (var pair in contextKeys)
            {
                _context[pair.Key] = pair.Value is null ? NoValues : ToArray(pair.Value);
            }
        }

        Subject = subject;
        if (subject is not null)
        {
            _context[issuer.SubKey] = [subject];
        }

        Audiences = audiences is null ? null : ToArray(audiences);
        if (Audiences is not null)
        {
            _context[issuer.AudKey] = (string[])Audiences;
        }

        AuthenticationMethods = authenticationMethods is null ? null : ToArray(authenticationMethods);
        if (AuthenticationMethods is not null)
        {
            _context[issuer.AmrKey] = (string[])AuthenticationMethods;
        }
    }

    /// <summary>The request for a subject: its issuer's provider ARN in the account, its <c>sub</c> and its audience.</summary>
    public static WebIdentityRequest ForSubject(
        IrsaSubject subject,
        string partition,
        string accountId,
        IEnumerable<string>? authenticationMethods = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? contextKeys = null)
    {
        if (subject is null)
        {
            throw new ArgumentNullException(nameof(subject));
        }

        return new WebIdentityRequest(
            subject.Issuer.ProviderArn(partition, accountId),
            subject.SubjectValue,
            [subject.Audience],
            authenticationMethods,
            contextKeys);
    }

    /// <summary>The Federated principal of the request.</summary>
    public string ProviderArn { get; }

    /// <summary>The issuer host/path the condition keys are named after.</summary>
    public string IssuerHostPath { get; }

    public string? Subject { get; }

    public IReadOnlyList<string>? Audiences { get; }

    public IReadOnlyList<string>? AuthenticationMethods { get; }

    public string Action { get; }

    /// <summary>Every context key of the request with its values.</summary>
    public IReadOnlyDictionary<string, string[]> Context => _context;

    /// <summary><see cref="Lookup"/> as one delegate, made once per request (evaluation allocates nothing per statement).</summary>
    internal Func<string, IReadOnlyList<string>?> LookupFunction { get; }

    /// <summary>The values of a context key (case-insensitive), or null when the request does not have it.</summary>
    public IReadOnlyList<string>? Lookup(string key) => _context.TryGetValue(key, out var values) ? values : null;

    public override string ToString() => $"{Action} by {ProviderArn} (sub {Subject ?? "<none>"})";

    private static string[] ToArray(IEnumerable<string> values)
    {
        var list = new List<string>();
        foreach (var value in values)
        {
            if (value is not null)
            {
                list.Add(value);
            }
        }

        return list.ToArray();
    }
}
