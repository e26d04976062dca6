using System;
using System.Collections.Generic;
using System.Text;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// A condition value with policy variables (<c>${aws:username}</c>, <c>${key, 'default'}</c>, and the escapes
/// <c>${*}</c>, <c>${?}</c>, <c>${$}</c>), interpreted only in Version 2012-10-17 documents.
/// Source: IAM User Guide, "IAM policy elements: Variables and tags" (reference_policies_variables.html):
/// a variable is replaced by the single value of that context key; a default in single quotes ('' for a quote)
/// applies when the key has no value; if a variable cannot be resolved the statement may be invalid, so IrsaPS
/// reports "cannot evaluate" rather than guessing. Substituted text never acts as a wildcard.
/// </summary>
internal sealed class PolicyVariableTemplate
{
    private readonly List<Segment> _segments;

    private PolicyVariableTemplate(List<Segment> segments)
    {
        _segments = segments;
    }

    /// <summary>A template when <paramref name="text"/> holds at least one well-formed <c>${...}</c>; null otherwise.</summary>
    public static PolicyVariableTemplate? TryParse(string text)
    {
        if (text.IndexOf("${", StringComparison.Ordinal) < 0)
        {
            return null;
        }

        var segments = new List<Segment>();
        var literal = new StringBuilder();
        var hasVariable = false;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = FindClose(text, i + 2);
                if (close > 0)
                {
                    Flush(segments, literal);
                    segments.Add(ParseVariable(text.Substring(i + 2, close - i - 2)));
                    hasVariable = true;
                    i = close + 1;
                    continue;
                }
            }

            literal.Append(text[i]);
            i++;
        }

        Flush(segments, literal);
        return hasVariable ? new PolicyVariableTemplate(segments) : null;
    }

    /// <summary>
    /// Substitutes every variable. <paramref name="literalMask"/> marks characters that must not act as wildcards
    /// (escapes and substituted text). False (with the reason) when a variable has no single value and no default.
    /// </summary>
    public bool TryResolve(Func<string, IReadOnlyList<string>?> lookup, out string value, out bool[] literalMask, out string? problem)
    {
        var text = new StringBuilder();
        var mask = new List<bool>();
        foreach (var segment in _segments)
        {
            if (segment.Key is null)
            {
                Append(text, mask, segment.Text, segment.IsEscape);
                continue;
            }

            var values = lookup(segment.Key);
            if (values is { Count: 1 })
            {
                Append(text, mask, values[0], literal: true);
            }
            else if (segment.Default is not null)
            {
                Append(text, mask, segment.Default, literal: true);
            }
            else
            {
                value = string.Empty;
                literalMask = [];
                problem = values is null || values.Count == 0
                    ? $"the policy variable ${{{segment.Key}}} has no value in the request and no default"
                    : $"the policy variable ${{{segment.Key}}} refers to a key with several values";
                return false;
            }
        }

        value = text.ToString();
        literalMask = mask.ToArray();
        problem = null;
        return true;
    }

    private static void Append(StringBuilder text, List<bool> mask, string value, bool literal)
    {
        text.Append(value);
        for (var i = 0; i < value.Length; i++)
        {
            mask.Add(literal);
        }
    }

    private static int FindClose(string text, int start)
    {
        var inQuote = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                inQuote = !inQuote;
            }
            else if (c == '}' && !inQuote)
            {
                return i;
            }
        }

        return -1;
    }

    private static Segment ParseVariable(string body)
    {
        var trimmed = body.Trim();
        if (trimmed is "*" or "?" or "$")
        {
            return new Segment(trimmed, null, null, IsEscape: true);
        }

        var comma = trimmed.IndexOf(',');
        if (comma < 0)
        {
            return new Segment(string.Empty, trimmed, null, IsEscape: false);
        }

        var key = trimmed.Substring(0, comma).Trim();
        var rest = trimmed.Substring(comma + 1).Trim();
        string? fallback = null;
        if (rest.Length >= 2 && rest[0] == '\'' && rest[rest.Length - 1] == '\'')
        {
            fallback = rest.Substring(1, rest.Length - 2).Replace("''", "'");
        }

        return new Segment(string.Empty, key, fallback, IsEscape: false);
    }

    private static void Flush(List<Segment> segments, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString(), null, null, IsEscape: false));
            literal.Clear();
        }
    }

    private sealed record Segment(string Text, string? Key, string? Default, bool IsEscape);
}
