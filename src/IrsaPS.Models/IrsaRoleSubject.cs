using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>One service account (or pattern) a role's trust admits, as read from the trust document.</summary>
public sealed class IrsaRoleSubject
{
    /// <summary>The issuer URL (https://host/path).</summary>
    public string Issuer { get; init; } = string.Empty;

    /// <summary>The cluster with that issuer, when known.</summary>
    public string? ClusterName { get; init; }

    public string Namespace { get; init; } = string.Empty;

    public string ServiceAccountName { get; init; } = string.Empty;

    /// <summary>True for a StringLike pattern (<c>*</c> / <c>?</c>): it admits every matching service account.</summary>
    public bool IsPattern { get; init; }

    /// <summary>The <c>aud</c> values the same statement requires (empty: no audience condition).</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    public override string ToString() => Namespace + "/" + ServiceAccountName;
}
