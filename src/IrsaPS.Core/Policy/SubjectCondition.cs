namespace IrsaPS.Core.Policy;

/// <summary>How a <c>sub</c> condition value behaves.</summary>
internal enum SubjectMatchKind
{
    /// <summary>Matches exactly one service account (StringEquals, or StringLike without wildcards).</summary>
    Exact,

    /// <summary>A StringLike pattern with <c>*</c> or <c>?</c>: matches every service account it covers.</summary>
    Wildcard,

    /// <summary>StringEquals with <c>*</c> or <c>?</c>: compared literally, so it never matches a real service account.</summary>
    NeverMatches,

    /// <summary>A negated operator (StringNotEquals, StringNotLike, ...): excludes rather than admits.</summary>
    Negated,

    /// <summary>Any other operator on the <c>sub</c> key.</summary>
    Other,
}

/// <summary>One value of a <c>&lt;issuer&gt;:sub</c> condition in a statement.</summary>
internal sealed class SubjectCondition
{
    internal SubjectCondition(string conditionOperator, string key, string issuerHostPath, string value, SubjectMatchKind kind, bool issuerIsTrusted)
    {
        Operator = conditionOperator;
        Key = key;
        IssuerHostPath = issuerHostPath;
        Value = value;
        Kind = kind;
        IssuerIsTrusted = issuerIsTrusted;
        if (IrsaSubject.TryParseSubjectValue(value, out var ns, out var sa))
        {
            Namespace = ns;
            ServiceAccountName = sa;
        }
    }

    /// <summary>The operator as written.</summary>
    public string Operator { get; }

    /// <summary>The condition key as written.</summary>
    public string Key { get; }

    /// <summary>The issuer host/path the key is named after (the key without <c>:sub</c>).</summary>
    public string IssuerHostPath { get; }

    /// <summary>The value or pattern.</summary>
    public string Value { get; }

    public SubjectMatchKind Kind { get; }

    /// <summary>
    /// True when the statement's Federated principal includes this issuer's provider. When false, the condition key is
    /// never present in requests the statement applies to.
    /// </summary>
    public bool IssuerIsTrusted { get; }

    /// <summary>The namespace part of <c>system:serviceaccount:&lt;ns&gt;:&lt;sa&gt;</c>, or null when the value has another form.</summary>
    public string? Namespace { get; }

    /// <summary>The service-account part, or null when the value has another form.</summary>
    public string? ServiceAccountName { get; }

    public override string ToString() => $"{Operator} {Key} = {Value} ({Kind})";
}
