using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// A list request: namespace (null = all), <c>limit</c>, opaque <c>continue</c> token, label and field selectors
/// (equality, inequality and existence; the fields the real server supports for the resource).
/// </summary>
public sealed class KubeListQuery
{
    private const string TokenPrefix = "irsaps-standin:";

    public string? Namespace { get; init; }

    public int? Limit { get; init; }

    /// <summary>The key after which the page starts (decoded from the continue token).</summary>
    public string? After { get; init; }

    public IReadOnlyList<(string Key, string? Value, bool Negated)> LabelSelector { get; init; } = [];

    public IReadOnlyList<(string Field, string Value, bool Negated)> FieldSelector { get; init; } = [];

    public bool HasSelectors => LabelSelector.Count > 0 || FieldSelector.Count > 0;

    public static KubeListQuery Parse(string? ns, IReadOnlyDictionary<string, string?> query)
    {
        int? limit = null;
        if (query.TryGetValue("limit", out var limitText) && !string.IsNullOrEmpty(limitText))
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw KubeStatusException.BadRequest($"limit '{limitText}' is not a number");
            }

            limit = parsed == 0 ? null : parsed;
        }

        string? after = null;
        if (query.TryGetValue("continue", out var token) && !string.IsNullOrEmpty(token))
        {
            after = DecodeContinue(token!);
        }

        return new KubeListQuery
        {
            Namespace = ns,
            Limit = limit,
            After = after,
            LabelSelector = ParseLabels(query.TryGetValue("labelSelector", out var labels) ? labels : null),
            FieldSelector = ParseFields(query.TryGetValue("fieldSelector", out var fields) ? fields : null),
        };
    }

    public static string EncodeContinue(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string DecodeContinue(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            if (text.StartsWith(TokenPrefix, StringComparison.Ordinal))
            {
                return text.Substring(TokenPrefix.Length);
            }
        }
        catch (FormatException)
        {
        }

        throw KubeStatusException.BadRequest("continue key is not valid: the continue token was not issued by this server");
    }

    public bool MatchesLabels(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value, negated) in LabelSelector)
        {
            var has = labels.TryGetValue(key, out var actual);
            var ok = value is null ? has != negated : (has && actual == value) != negated;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public bool MatchesFields(Func<string, string?> field)
    {
        foreach (var (name, value, negated) in FieldSelector)
        {
            if ((field(name) == value) == negated)
            {
                return false;
            }
        }

        return true;
    }

    private static List<(string, string?, bool)> ParseLabels(string? selector)
    {
        var result = new List<(string, string?, bool)>();
        foreach (var part in Split(selector))
        {
            var (key, value, negated) = SplitRequirement(part);
            result.Add((key, value, negated));
        }

        return result;
    }

    private static List<(string, string, bool)> ParseFields(string? selector)
    {
        var result = new List<(string, string, bool)>();
        foreach (var part in Split(selector))
        {
            var (key, value, negated) = SplitRequirement(part);
            if (value is null)
            {
                throw KubeStatusException.BadRequest($"invalid field selector '{part}': expected field=value");
            }

            result.Add((key, value, negated));
        }

        return result;
    }

    private static IEnumerable<string> Split(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            yield break;
        }

        foreach (var part in selector.Split(','))
        {
            if (part.Trim().Length > 0)
            {
                yield return part.Trim();
            }
        }
    }

    private static (string Key, string? Value, bool Negated) SplitRequirement(string part)
    {
        var notEquals = part.IndexOf("!=", StringComparison.Ordinal);
        if (notEquals > 0)
        {
            return (part.Substring(0, notEquals).Trim(), part.Substring(notEquals + 2).Trim(), true);
        }

        var equals = part.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            var value = part.Substring(equals + 1).TrimStart('=').Trim();
            return (part.Substring(0, equals).Trim(), value, false);
        }

        return part.StartsWith('!') ? (part.Substring(1).Trim(), null, true) : (part, null, false);
    }
}
