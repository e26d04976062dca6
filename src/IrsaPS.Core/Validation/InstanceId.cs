using System;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Validation;

/// <summary>EC2 instance ids: <c>i-</c> and 8 (older instances) or 17 lowercase hexadecimal digits.</summary>
internal static class InstanceId
{
    public static bool IsValid(string? value)
    {
        if (value is null || !value.StartsWith("i-", StringComparison.Ordinal) || (value.Length != 10 && value.Length != 19))
        {
            return false;
        }

        for (var i = 2; i < value.Length; i++)
        {
            if (value[i] is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The id, trimmed; <c>AwsInvalidParameter</c> when it is not an instance id.</summary>
    public static string Validate(string? value)
    {
        var text = value?.Trim();
        if (!IsValid(text))
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidParameter,
                $"'{value}' is not an EC2 instance id: expected 'i-' and 8 or 17 lowercase hexadecimal digits, e.g. i-0123456789abcdef0.",
                value);
        }

        return text!;
    }
}
