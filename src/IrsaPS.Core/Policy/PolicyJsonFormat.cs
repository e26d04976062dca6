using System;
using System.Text.Json;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Policy;

/// <summary>Rendering helpers for showing policy JSON to people (-WhatIf before/after, verbose output).</summary>
internal static class PolicyJsonFormat
{
    /// <summary>Indents any JSON text (two spaces, '\n' line ends), escaping only what JSON requires.</summary>
    public static string Indent(string json) => Render(json, indented: true);

    /// <summary>Removes all formatting whitespace from any JSON text.</summary>
    public static string Compact(string json) => Render(json, indented: false);

    private static string Render(string json, bool indented)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        try
        {
            return PolicyJsonWriter.Reformat(json, indented);
        }
        catch (JsonException ex)
        {
            throw new MalformedPolicyException(ErrorIds.InvalidPolicyJson, "$", "the text is not valid JSON (" + ex.Message + ").");
        }
    }
}
