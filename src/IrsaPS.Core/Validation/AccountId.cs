using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Validation;

/// <summary>AWS account ids: exactly twelve decimal digits.</summary>
internal static class AccountId
{
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 12)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    public static string Validate(string? value)
    {
        if (!IsValid(value))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidAccountId,
                $"Account id '{value}' is not valid: an AWS account id is exactly 12 digits.",
                value);
        }

        return value!;
    }
}
