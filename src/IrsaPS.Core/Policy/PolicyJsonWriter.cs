using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IrsaPS.Core.Policy;

/// <summary>
/// Writes the model back to JSON: in the remembered field order, keeping string-versus-array shapes and extra
/// fields, compact (IrsaPS's wire form) or indented (display). Strings are escaped only where JSON requires it, so
/// ARNs and wildcards stay readable and the character count matches what IAM counts.
/// </summary>
internal static class PolicyJsonWriter
{
    private static readonly string[] CanonicalStatementOrder =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    private static readonly string[] CanonicalDocumentOrder = ["Version", "Id", "Statement"];

    public static string Write(PolicyDocument document, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CreateOptions(indented)))
        {
            WriteDocument(writer, document);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Re-renders any JSON text (compact or indented) with the same escaping rules.</summary>
    public static string Reformat(string json, bool indented)
    {
        using var parsed = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CreateOptions(indented)))
        {
            parsed.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static JsonWriterOptions CreateOptions(bool indented) => new()
    {
        Indented = indented,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private static void WriteDocument(Utf8JsonWriter writer, PolicyDocument document)
    {
        writer.WriteStartObject();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in document.FieldOrder)
        {
            if (written.Add(name))
            {
                WriteDocumentField(writer, document, name);
            }
        }

        foreach (var name in CanonicalDocumentOrder)
        {
            if (written.Add(name))
            {
                WriteDocumentField(writer, document, name);
            }
        }

        foreach (var extra in document.ExtraFields)
        {
            if (written.Add(extra.Name))
            {
                WriteExtra(writer, extra);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteDocumentField(Utf8JsonWriter writer, PolicyDocument document, string name)
    {
        switch (name)
        {
            case "Version":
                if (document.Version is not null)
                {
                    writer.WriteString(name, document.Version);
                }

                break;
            case "Id":
                if (document.Id is not null)
                {
                    writer.WriteString(name, document.Id);
                }

                break;
            case "Statement":
                writer.WritePropertyName(name);
                if (!document.StatementIsArray && document.Statements.Count == 1)
                {
                    WriteStatement(writer, document.Statements[0]);
                }
                else
                {
                    writer.WriteStartArray();
                    foreach (var statement in document.Statements)
                    {
                        WriteStatement(writer, statement);
                    }

                    writer.WriteEndArray();
                }

                break;
            default:
                WriteExtraByName(writer, document.ExtraFields, name);
                break;
        }
    }

    private static void WriteStatement(Utf8JsonWriter writer, PolicyStatement statement)
    {
        writer.WriteStartObject();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in statement.FieldOrder)
        {
            if (written.Add(name))
            {
                WriteStatementField(writer, statement, name);
            }
        }

        foreach (var name in CanonicalStatementOrder)
        {
            if (written.Add(name))
            {
                WriteStatementField(writer, statement, name);
            }
        }

        foreach (var extra in statement.ExtraFields)
        {
            if (written.Add(extra.Name))
            {
                WriteExtra(writer, extra);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteStatementField(Utf8JsonWriter writer, PolicyStatement statement, string name)
    {
        switch (name)
        {
            case "Sid":
                if (statement.Sid is not null)
                {
                    writer.WriteString(name, statement.Sid);
                }

                break;
            case "Effect":
                writer.WriteString(name, PolicyStatement.EffectText(statement.Effect));
                break;
            case "Principal":
                WritePrincipal(writer, name, statement.Principal);
                break;
            case "NotPrincipal":
                WritePrincipal(writer, name, statement.NotPrincipal);
                break;
            case "Action":
                WriteValues(writer, name, statement.Action);
                break;
            case "NotAction":
                WriteValues(writer, name, statement.NotAction);
                break;
            case "Resource":
                WriteValues(writer, name, statement.Resource);
                break;
            case "NotResource":
                WriteValues(writer, name, statement.NotResource);
                break;
            case "Condition":
                WriteCondition(writer, statement.Condition);
                break;
            default:
                WriteExtraByName(writer, statement.ExtraFields, name);
                break;
        }
    }

    private static void WritePrincipal(Utf8JsonWriter writer, string name, PolicyPrincipal? principal)
    {
        if (principal is null)
        {
            return;
        }

        if (principal.IsWildcard)
        {
            writer.WriteString(name, "*");
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var entry in principal.Entries)
        {
            WriteValues(writer, entry.Type, entry.Values);
        }

        writer.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter writer, PolicyCondition? condition)
    {
        if (condition is null)
        {
            return;
        }

        writer.WritePropertyName("Condition");
        writer.WriteStartObject();
        foreach (var block in condition.Blocks)
        {
            writer.WritePropertyName(block.Operator);
            writer.WriteStartObject();
            foreach (var entry in block.Entries)
            {
                WriteValues(writer, entry.Key, entry.Values);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter writer, string name, PolicyValueList? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        if (!values.IsArray && values.Count == 1)
        {
            WriteScalar(writer, values.Items[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in values.Items)
        {
            WriteScalar(writer, item);
        }

        writer.WriteEndArray();
    }

    private static void WriteScalar(Utf8JsonWriter writer, PolicyScalar scalar)
    {
        switch (scalar.Kind)
        {
            case PolicyScalarKind.Boolean:
                writer.WriteBooleanValue(string.Equals(scalar.Text, "true", StringComparison.Ordinal));
                break;
            case PolicyScalarKind.Number:
                writer.WriteRawValue(scalar.Text);
                break;
            default:
                writer.WriteStringValue(scalar.Text);
                break;
        }
    }

    private static void WriteExtraByName(Utf8JsonWriter writer, List<PolicyExtraField> extras, string name)
    {
        foreach (var extra in extras)
        {
            if (string.Equals(extra.Name, name, StringComparison.Ordinal))
            {
                WriteExtra(writer, extra);
                return;
            }
        }
    }

    private static void WriteExtra(Utf8JsonWriter writer, PolicyExtraField extra)
    {
        writer.WritePropertyName(extra.Name);
        extra.Value.WriteTo(writer);
    }
}
