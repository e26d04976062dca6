using System.Collections.Generic;

namespace IrsaPS.Core.Templates;

/// <summary>
/// A catalog entry a role should get (New-IrsaRole -PolicyTemplate, and any other role creation that takes one): which
/// entry, version and role, the parameter values, and whether scope parameters may be left out.
/// </summary>
public sealed record PolicyTemplateSelection
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Null: the newest version in the catalog.</summary>
    public string? Version { get; init; }

    /// <summary>The entry's role (<c>Controller</c>, <c>Node</c>); null for entries with one role.</summary>
    public string? Role { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>When the service accounts are taken from the entry: the namespace to use instead of upstream's default.</summary>
    public string? Namespace { get; init; }

    /// <summary>Scope parameters may be left out: their writes stay on upstream's "*" and the change confirms as broadening.</summary>
    public bool AllowUnscoped { get; init; }
}
