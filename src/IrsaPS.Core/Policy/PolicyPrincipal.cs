using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy;

/// <summary>
/// A <c>Principal</c> or <c>NotPrincipal</c> element: either the bare string <c>"*"</c> (everyone), or an object
/// mapping principal types (<c>AWS</c>, <c>Federated</c>, <c>Service</c>, <c>CanonicalUser</c>) to one or many
/// identifiers. Types keep their written order.
/// </summary>
internal sealed class PolicyPrincipal
{
    /// <summary>The principal types IAM accepts.</summary>
    public const string Aws = "AWS";
    public const string Federated = "Federated";
    public const string Service = "Service";
    public const string CanonicalUser = "CanonicalUser";

    private readonly List<PrincipalEntry> _entries;

    private PolicyPrincipal(bool isWildcard, List<PrincipalEntry> entries)
    {
        IsWildcard = isWildcard;
        _entries = entries;
    }

    /// <summary>A new <c>"*"</c> principal.</summary>
    public static PolicyPrincipal Wildcard() => new(true, []);

    /// <summary>A new, empty principal object; add types with <see cref="Set"/>.</summary>
    public static PolicyPrincipal Empty() => new(false, []);

    /// <summary>A principal object with one type, e.g. <c>{"Federated": "arn:...:oidc-provider/..."}</c>.</summary>
    public static PolicyPrincipal Of(string type, PolicyValueList identifiers)
    {
        var principal = Empty();
        principal.Set(type, identifiers);
        return principal;
    }

    /// <summary>True for the bare string <c>"*"</c>.</summary>
    public bool IsWildcard { get; }

    /// <summary>The principal types in written order (empty for <c>"*"</c>).</summary>
    public IReadOnlyList<PrincipalEntry> Entries => _entries;

    /// <summary>True for a known principal type name (case-sensitive, as IAM).</summary>
    public static bool IsKnownType(string type) =>
        type is Aws or Federated or Service or CanonicalUser;

    /// <summary>The identifiers of one type, or null when the type is absent.</summary>
    public PolicyValueList? Get(string type)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Type, type, StringComparison.Ordinal))
            {
                return entry.Values;
            }
        }

        return null;
    }

    /// <summary>Sets (replaces or appends) the identifiers of one type.</summary>
    public void Set(string type, PolicyValueList identifiers)
    {
        if (IsWildcard)
        {
            throw new InvalidOperationException("A \"*\" principal has no types.");
        }

        if (type is null)
        {
            throw new ArgumentNullException(nameof(type));
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Type, type, StringComparison.Ordinal))
            {
                _entries[i] = new PrincipalEntry(type, identifiers);
                return;
            }
        }

        _entries.Add(new PrincipalEntry(type, identifiers));
    }

    /// <summary>Removes a type. Returns true when it was there.</summary>
    public bool Remove(string type) =>
        _entries.RemoveAll(entry => string.Equals(entry.Type, type, StringComparison.Ordinal)) > 0;

    /// <summary>A deep copy.</summary>
    public PolicyPrincipal Clone()
    {
        var entries = new List<PrincipalEntry>(_entries.Count);
        foreach (var entry in _entries)
        {
            entries.Add(new PrincipalEntry(entry.Type, entry.Values.Clone()));
        }

        return new PolicyPrincipal(IsWildcard, entries);
    }

    public override string ToString()
    {
        if (IsWildcard)
        {
            return "*";
        }

        var parts = new List<string>();
        foreach (var entry in _entries)
        {
            parts.Add(entry.Type + "=" + entry.Values);
        }

        return string.Join("; ", parts);
    }
}

/// <summary>One principal type and its identifiers.</summary>
internal sealed record PrincipalEntry(string Type, PolicyValueList Values);
