using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Validation;

/// <summary>IAM naming rules for roles, paths, descriptions, tags and session durations, as IAM enforces them.</summary>
internal static class IamNames
{
    public const int MaxRoleNameLength = 64;
    public const int MaxPathLength = 512;
    public const int MaxDescriptionLength = 1000;
    public const int MinSessionDuration = 3600;
    public const int MaxSessionDuration = 43200;
    public const int MaxTagsPerResource = 50;

    /// <summary>Role names: 1-64 characters of letters, digits and <c>+=,.@_-</c>.</summary>
    public static string ValidateRoleName(string? value)
    {
        string? problem = null;
        if (string.IsNullOrEmpty(value))
        {
            problem = "it is empty";
        }
        else if (value!.Length > MaxRoleNameLength)
        {
            problem = $"it is {value.Length} characters long (at most {MaxRoleNameLength})";
        }
        else
        {
            foreach (var c in value)
            {
                if (!IsRoleNameChar(c))
                {
                    problem = $"it contains the character '{c}'";
                    break;
                }
            }
        }

        if (problem is not null)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidRoleName,
                $"Role name '{value}' is not valid: {problem}. IAM role names are 1-64 letters, digits and +=,.@_- characters.",
                value);
        }

        return value!;
    }

    /// <summary>Paths: <c>/</c> or <c>/a/b/</c>; 1-512 printable ASCII characters, starting and ending with '/'.</summary>
    public static string ValidatePath(string? value)
    {
        string? problem = null;
        if (string.IsNullOrEmpty(value))
        {
            problem = "it is empty";
        }
        else if (value!.Length > MaxPathLength)
        {
            problem = $"it is {value.Length} characters long (at most {MaxPathLength})";
        }
        else if (value[0] != '/' || value[value.Length - 1] != '/')
        {
            problem = "it must start and end with '/'";
        }
        else if (value.Contains("//"))
        {
            problem = "it contains an empty segment ('//')";
        }
        else
        {
            foreach (var c in value)
            {
                if (c is < '\u0021' or > '\u007E')
                {
                    problem = $"it contains a character outside printable ASCII (U+{(int)c:X4})";
                    break;
                }
            }
        }

        if (problem is not null)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidRolePath,
                $"IAM path '{value}' is not valid: {problem}. Use '/' or something like '/irsa/team/'.",
                value);
        }

        return value!;
    }

    /// <summary>Descriptions: at most 1000 characters of tab, newline and printable Latin-1.</summary>
    public static string ValidateDescription(string? value)
    {
        value ??= string.Empty;
        if (value.Length > MaxDescriptionLength)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidDescription,
                $"The role description is {value.Length} characters long; IAM allows at most {MaxDescriptionLength}.",
                null);
        }

        foreach (var c in value)
        {
            var ok = c is '\t' or '\n' or '\r' or (>= '\u0020' and <= '\u007E') or (>= '\u00A1' and <= '\u00FF');
            if (!ok)
            {
                throw new IrsaValidationException(
                    ErrorIds.InvalidDescription,
                    $"The role description contains U+{(int)c:X4}, which IAM does not accept in descriptions (printable Latin-1 only).",
                    null);
            }
        }

        return value;
    }

    /// <summary>Maximum session duration: 3600-43200 seconds.</summary>
    public static int ValidateMaxSessionDuration(int seconds)
    {
        if (seconds is < MinSessionDuration or > MaxSessionDuration)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidMaxSessionDuration,
                $"MaxSessionDuration {seconds} is outside IAM's range of {MinSessionDuration}-{MaxSessionDuration} seconds (1-12 hours).",
                null);
        }

        return seconds;
    }

    /// <summary>Tag keys: 1-128 characters of letters, digits, spaces and <c>_.:/=+-@</c>, not starting with <c>aws:</c>; values: 0-256 of the same.</summary>
    public static void ValidateTag(string? key, string? value)
    {
        string? problem = null;
        if (string.IsNullOrEmpty(key))
        {
            problem = "the key is empty";
        }
        else if (key!.Length > 128)
        {
            problem = $"the key is {key.Length} characters long (at most 128)";
        }
        else if (key.StartsWith("aws:", System.StringComparison.OrdinalIgnoreCase))
        {
            problem = "keys starting with 'aws:' are reserved by AWS";
        }
        else if (!IsTagText(key))
        {
            problem = "the key contains a character IAM does not accept in tags";
        }
        else if (value is not null && value.Length > 256)
        {
            problem = $"the value is {value.Length} characters long (at most 256)";
        }
        else if (value is not null && !IsTagText(value))
        {
            problem = "the value contains a character IAM does not accept in tags";
        }

        if (problem is not null)
        {
            throw new IrsaValidationException(ErrorIds.InvalidTag, $"Tag '{key}' is not valid: {problem}.", key);
        }
    }

    private static bool IsRoleNameChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '+' or '=' or ',' or '.' or '@' or '_' or '-';

    private static bool IsTagText(string text)
    {
        foreach (var c in text)
        {
            var ok = char.IsLetterOrDigit(c) || c == ' ' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpaceSeparator
                || c is '_' or '.' or ':' or '/' or '=' or '+' or '-' or '@';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
