using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Validation;

/// <summary>EKS naming rules: cluster names are 1-100 characters, a letter or digit first, then letters, digits, '-' and '_'.</summary>
internal static class EksNames
{
    public const int MaxClusterNameLength = 100;

    public static bool IsClusterName(string? value) => DescribeProblem(value) is null;

    public static string ValidateClusterName(string? value)
    {
        var problem = DescribeProblem(value);
        if (problem is not null)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidClusterName,
                $"Cluster name '{value}' is not valid: {problem}. EKS cluster names are 1-{MaxClusterNameLength} letters, digits, '-' and '_', starting with a letter or digit.",
                value);
        }

        return value!;
    }

    private static string? DescribeProblem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "it is empty";
        }

        if (value!.Length > MaxClusterNameLength)
        {
            return $"it is {value.Length} characters long";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var alphanumeric = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
            if (!alphanumeric && (i == 0 || c is not ('-' or '_')))
            {
                return i == 0 ? $"it starts with '{c}'" : $"it contains the character '{c}'";
            }
        }

        return null;
    }
}
