using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy;

/// <summary>
/// An IAM policy document that round-trips real-world JSON: <see cref="Parse"/> followed by
/// <see cref="ToJson"/> on an unchanged document gives the same document (same field order, string-versus-array
/// shapes, unknown fields), only without whitespace. Parsing validates the structure IAM requires and throws
/// <see cref="MalformedPolicyException"/> naming the JSON path of the first problem.
/// </summary>
internal sealed class PolicyDocument
{
    /// <summary>The current policy language version.</summary>
    public const string Version2012 = "2012-10-17";

    /// <summary>The legacy policy language version (no policy variables).</summary>
    public const string Version2008 = "2008-10-17";

    /// <summary>A new, empty document with <c>Version</c> 2012-10-17 and an empty <c>Statement</c> array.</summary>
    public PolicyDocument()
    {
        Version = Version2012;
        StatementIsArray = true;
    }

    /// <summary><c>Version</c>, or null when the document has none (IAM then assumes 2008-10-17).</summary>
    public string? Version { get; set; }

    /// <summary><c>Id</c>, when present.</summary>
    public string? Id { get; set; }

    /// <summary>The statements in written order.</summary>
    public List<PolicyStatement> Statements { get; } = [];

    /// <summary>
    /// False when <c>Statement</c> was a single object. It is written as an object again only while there is exactly
    /// one statement; otherwise as an array.
    /// </summary>
    public bool StatementIsArray { get; set; }

    /// <summary>Document-level fields IAM does not define, kept as written.</summary>
    public List<PolicyExtraField> ExtraFields { get; } = [];

    /// <summary>The field names in the order they were read (known and extra).</summary>
    internal List<string> FieldOrder { get; } = [];

    /// <summary>True when policy variables (<c>${...}</c>) are interpreted: only with Version 2012-10-17.</summary>
    public bool SupportsPolicyVariables => string.Equals(Version, Version2012, StringComparison.Ordinal);

    /// <summary>Parses a policy document; throws <see cref="MalformedPolicyException"/> (InvalidPolicyJson or MalformedPolicyDocument).</summary>
    public static PolicyDocument Parse(string json) => PolicyJsonReader.Read(json);

    /// <summary>Parses, returning false (and the exception describing the problem) instead of throwing.</summary>
    public static bool TryParse(string? json, out PolicyDocument? document, out MalformedPolicyException? error)
    {
        try
        {
            document = PolicyJsonReader.Read(json!);
            error = null;
            return true;
        }
        catch (MalformedPolicyException ex)
        {
            document = null;
            error = ex;
            return false;
        }
    }

    /// <summary>The document as IrsaPS sends it: compact (no whitespace outside strings), deterministic.</summary>
    public string ToJson() => PolicyJsonWriter.Write(this, indented: false);

    /// <summary>The document indented by two spaces with '\n' line ends, for -WhatIf and display.</summary>
    public string ToIndentedJson() => PolicyJsonWriter.Write(this, indented: true);

    /// <summary>A deep copy (same order, shapes and extra fields).</summary>
    public PolicyDocument Clone()
    {
        var copy = new PolicyDocument
        {
            Version = Version,
            Id = Id,
            StatementIsArray = StatementIsArray,
        };
        foreach (var statement in Statements)
        {
            copy.Statements.Add(statement.Clone());
        }

        copy.ExtraFields.AddRange(ExtraFields);
        copy.FieldOrder.AddRange(FieldOrder);
        return copy;
    }

    public override string ToString() => ToJson();
}
