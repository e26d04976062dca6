using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IrsaPS.Core.Errors;

namespace IrsaPS.Infrastructure;

/// <summary>Turns PowerShell values (PSObject wrappers, hashtables, PSCredential) into the plain values the core takes.</summary>
internal static class ParameterConversion
{
    public static object? Unwrap(object? value) => value is PSObject wrapper ? wrapper.BaseObject : value;

    /// <summary>
    /// An empty value bound from the pipeline (a blank CSV cell, a null property of a piped object) means "not given":
    /// pipeline-bound parameters accept it instead of failing the binding, and the cmdlet passes null on.
    /// </summary>
    public static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The non-empty entries of an array parameter, or null when none are left.</summary>
    public static string[]? NonEmpty(string[]? values)
    {
        var kept = values?.Where(v => !string.IsNullOrEmpty(v)).ToArray();
        return kept is { Length: > 0 } ? kept : null;
    }

    /// <summary>
    /// What -Credential holds, in a form the core's CredentialObject understands: a PSCredential becomes a
    /// NetworkCredential (user name = access key id, password = secret access key); a [pscustomobject] becomes a
    /// dictionary of its properties; anything else is passed on unwrapped.
    /// </summary>
    public static object? CredentialValue(object? value)
    {
        var raw = Unwrap(value);
        return raw switch
        {
            PSCredential credential => credential.GetNetworkCredential(),
            PSCustomObject when value is PSObject custom => Properties(custom),
            _ => raw,
        };
    }

    /// <summary>A hashtable of names to text (tags): keys must be strings, values text (numbers and booleans are written invariantly).</summary>
    public static IReadOnlyDictionary<string, string> ToStringMap(IDictionary? table, string parameterName)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table is null)
        {
            return result;
        }

        foreach (DictionaryEntry entry in table)
        {
            if (Unwrap(entry.Key) is not string key)
            {
                throw new IrsaValidationException(
                    ErrorIds.InvalidHashtable,
                    $"-{parameterName}: every key must be a string; '{entry.Key}' is a {entry.Key?.GetType().Name ?? "null"}.");
            }

            result[key] = Unwrap(entry.Value) switch
            {
                null => string.Empty,
                string text => text,
                IFormattable formattable and not IEnumerable => formattable.ToString(null, CultureInfo.InvariantCulture),
                bool flag => flag ? "true" : "false",
                var other => throw new IrsaValidationException(
                    ErrorIds.InvalidHashtable,
                    $"-{parameterName}: the value of '{key}' must be text, not a {other.GetType().Name}.",
                    key),
            };
        }

        return result;
    }

    /// <summary>-InlinePolicy: policy names to JSON documents (strings; objects must go through ConvertTo-Json first).</summary>
    public static IReadOnlyDictionary<string, string> ToPolicyMap(IDictionary? table, string parameterName)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table is null)
        {
            return result;
        }

        foreach (DictionaryEntry entry in table)
        {
            if (Unwrap(entry.Key) is not string name)
            {
                throw new IrsaValidationException(ErrorIds.InvalidInlinePolicy, $"-{parameterName}: every key must be a policy name (a string).");
            }

            if (Unwrap(entry.Value) is not string document)
            {
                throw new IrsaValidationException(
                    ErrorIds.InvalidInlinePolicy,
                    $"-{parameterName}: the policy '{name}' must be a JSON string. Convert an object with ConvertTo-Json -Depth 10, or read a file with Get-Content -Raw.",
                    name);
            }

            result[name] = document;
        }

        return result;
    }

    /// <summary>-TemplateParameter: parameter names to one value or a list of values (strings).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ToTemplateParameters(IDictionary? table, string parameterName)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (table is null)
        {
            return result;
        }

        foreach (DictionaryEntry entry in table)
        {
            if (Unwrap(entry.Key) is not string name)
            {
                throw new IrsaValidationException(ErrorIds.InvalidTemplateParameter, $"-{parameterName}: every key must be a parameter name (a string).");
            }

            var raw = Unwrap(entry.Value);
            var items = raw is string or null ? [raw] : raw is IEnumerable list ? list.Cast<object?>().Select(Unwrap).ToList() : [raw];
            var values = new List<string>();
            foreach (var item in items)
            {
                values.Add(item switch
                {
                    string text => text,
                    null => string.Empty,
                    _ => throw new IrsaValidationException(
                        ErrorIds.InvalidTemplateParameter,
                        $"-{parameterName}: the value of '{name}' must be text or a list of texts, not a {item.GetType().Name}.",
                        name),
                });
            }

            result[name] = values;
        }

        return result;
    }

    private static Hashtable Properties(PSObject value)
    {
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.Properties)
        {
            table[property.Name] = Unwrap(property.Value);
        }

        return table;
    }
}
