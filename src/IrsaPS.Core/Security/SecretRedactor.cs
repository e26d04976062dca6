using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace IrsaPS.Core.Security;

/// <summary>
/// Removes anything token-like from text that IrsaPS did not write itself (an exec plugin's stderr, its arguments)
/// before it goes into a message: JWTs, EKS tokens, PEM blocks, <c>token=...</c> / <c>"secret": "..."</c> values,
/// and long random-looking strings. Over-redacting is fine; leaking is not.
/// </summary>
internal static class SecretRedactor
{
    public const string Mask = "[redacted]";

    private static readonly char[] Boundaries = [' ', '\t', '\n', '\r'];

    private static readonly string[] SecretWords = ["token", "secret", "password", "passwd", "credential", "key"];

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly Regex Pem = new(
        @"-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)", RegexOptions.CultureInvariant, Timeout);

    private static readonly Regex Jwt = new(
        @"eyJ[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]*\.?[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant, Timeout);

    private static readonly Regex EksToken = new(
        @"k8s-aws-v1\.[A-Za-z0-9_\-]+", RegexOptions.CultureInvariant, Timeout);

    private static readonly Regex AuthorizationValue = new(
        @"(?i)\b(bearer|basic)\s+[^\s""',]+", RegexOptions.CultureInvariant, Timeout);

    private static readonly Regex NamedSecret = new(
        @"(?i)(""?[a-z0-9_\-]{0,40}(token|secret|password|passwd|credential|key)[a-z0-9_\-]{0,40}""?[ \t]{0,10}[:=][ \t]{0,10}""?)([^\s""',}]+)",
        RegexOptions.CultureInvariant,
        Timeout);

    private static readonly Regex LongOpaque = new(
        @"[A-Za-z0-9+/=_\-]{32,}", RegexOptions.CultureInvariant, Timeout);

    /// <summary>The text with secrets replaced by <see cref="Mask"/>, cut to at most <paramref name="maxLength"/> characters (keeping the end).</summary>
    public static string Redact(string? text, int maxLength = 2000)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Only the end of a long output matters (that is where tools print the error); cut at a line or word
        // boundary so that no secret is split into pieces the patterns below would no longer recognise.
        var source = text!;
        var window = maxLength >= int.MaxValue / 4 ? int.MaxValue : Math.Max(maxLength * 4, 4096);
        if (source.Length > window)
        {
            var cut = source.Length - window;
            var boundary = source.IndexOfAny(Boundaries, cut);
            source = boundary < 0 ? string.Empty : source.Substring(boundary + 1);
        }

        string result;
        try
        {
            result = Pem.Replace(source, Mask);
            result = Jwt.Replace(result, Mask);
            result = EksToken.Replace(result, "k8s-aws-v1." + Mask);
            result = AuthorizationValue.Replace(result, m => m.Groups[1].Value + " " + Mask);
            result = NamedSecret.Replace(result, m => m.Groups[1].Value + Mask);
            result = LongOpaque.Replace(result, m => LooksRandom(m.Value) ? Mask : m.Value);
        }
        catch (RegexMatchTimeoutException)
        {
            return Mask + " (the output could not be checked for secrets, so it is not shown)";
        }

        result = result.Trim();
        return result.Length <= maxLength ? result : "..." + result.Substring(result.Length - maxLength);
    }

    /// <summary>Command-line arguments safe to show: values of secret-named options and random-looking values are masked.</summary>
    public static IReadOnlyList<string> RedactArguments(IReadOnlyList<string> args)
    {
        var result = new List<string>(args.Count);
        var maskNext = false;
        foreach (var arg in args)
        {
            if (maskNext)
            {
                result.Add(Mask);
                maskNext = false;
                continue;
            }

            var secretName = arg.StartsWith("-", StringComparison.Ordinal) && IsSecretName(arg);
            var equals = arg.IndexOf('=');
            if (secretName && equals > 0)
            {
                result.Add(arg.Substring(0, equals + 1) + Mask);
            }
            else
            {
                maskNext = secretName;
                result.Add(Redact(arg, int.MaxValue));
            }
        }

        return result;
    }

    private static bool IsSecretName(string option)
    {
        var name = option.ToLowerInvariant();
        return SecretWords.Any(word => name.IndexOf(word, StringComparison.Ordinal) >= 0);
    }

    // Paths and words are mostly lowercase letters and dashes; keys and tokens mix cases and digits.
    private static bool LooksRandom(string value)
    {
        var digits = value.Count(char.IsDigit);
        var hasUpper = value.Any(char.IsUpper);
        var hasLower = value.Any(char.IsLower);
        var hasBase64Symbols = value.IndexOf('+') >= 0 || value.IndexOf('=') >= 0;
        return digits >= 2 || (hasUpper && hasLower) || hasBase64Symbols;
    }
}
