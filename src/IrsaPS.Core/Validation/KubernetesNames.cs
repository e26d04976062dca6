using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Validation;

/// <summary>
/// Kubernetes object-name rules, as the API server enforces them: a namespace is a DNS-1123 label,
/// a ServiceAccount name is a DNS-1123 subdomain. Wildcard forms (<c>*</c>, <c>?</c>) are accepted only
/// when the caller explicitly allows them, because they only make sense inside a StringLike trust condition.
/// </summary>
internal static class KubernetesNames
{
    /// <summary>Maximum length of a DNS-1123 label (namespace).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Maximum length of a DNS-1123 subdomain (ServiceAccount name).</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>True when the value holds an IAM wildcard character (<c>*</c> or <c>?</c>).</summary>
    public static bool HasWildcard(string value) => value.IndexOfAny(WildcardChars) >= 0;

    private static readonly char[] WildcardChars = ['*', '?'];

    /// <summary>Throws <see cref="IrsaValidationException"/> (<c>InvalidNamespace</c>) unless <paramref name="value"/> is a DNS-1123 label.</summary>
    public static string ValidateNamespace(string? value, bool allowWildcards = false)
    {
        var problem = DescribeLabelProblem(value, allowWildcards);
        if (problem is not null)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidNamespace,
                $"Namespace '{value}' is not valid: {problem}. A namespace is a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit.",
                value);
        }

        return value!;
    }

    /// <summary>Throws <see cref="IrsaValidationException"/> (<c>InvalidServiceAccountName</c>) unless <paramref name="value"/> is a DNS-1123 subdomain.</summary>
    public static string ValidateServiceAccountName(string? value, bool allowWildcards = false)
    {
        var problem = DescribeSubdomainProblem(value, allowWildcards);
        if (problem is not null)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidServiceAccountName,
                $"ServiceAccount name '{value}' is not valid: {problem}. A ServiceAccount name is a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit.",
                value);
        }

        return value!;
    }

    /// <summary>True when <paramref name="value"/> is a DNS-1123 subdomain.</summary>
    public static bool IsServiceAccountName(string? value) => DescribeSubdomainProblem(value, false) is null;

    private static string? DescribeLabelProblem(string? value, bool allowWildcards)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "it is empty";
        }

        if (value!.Length > MaxLabelLength)
        {
            return $"it is {value.Length} characters long";
        }

        if (!allowWildcards && HasWildcard(value))
        {
            return "it contains a wildcard ('*' or '?'), which is only allowed with -AllowWildcard";
        }

        return DescribeLabelCharacters(value, allowWildcards, allowDots: false);
    }

    private static string? DescribeSubdomainProblem(string? value, bool allowWildcards)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "it is empty";
        }

        if (value!.Length > MaxSubdomainLength)
        {
            return $"it is {value.Length} characters long";
        }

        if (!allowWildcards && HasWildcard(value))
        {
            return "it contains a wildcard ('*' or '?'), which is only allowed with -AllowWildcard";
        }

        foreach (var part in value.Split('.'))
        {
            if (part.Length == 0)
            {
                return "it has an empty dot-separated part";
            }

            var problem = DescribeLabelCharacters(part, allowWildcards, allowDots: false);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? DescribeLabelCharacters(string part, bool allowWildcards, bool allowDots)
    {
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'
                || (allowDots && c == '.')
                || (allowWildcards && c is '*' or '?');
            if (!ok)
            {
                return c is >= 'A' and <= 'Z'
                    ? $"it contains the uppercase letter '{c}'"
                    : $"it contains the character '{Printable(c)}'";
            }
        }

        if (part[0] == '-' || part[part.Length - 1] == '-')
        {
            return "it starts or ends with '-'";
        }

        return null;
    }

    private static string Printable(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
