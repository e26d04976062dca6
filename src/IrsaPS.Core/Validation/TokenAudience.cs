using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Validation;

/// <summary>
/// A service-account token audience (the <c>aud</c> claim): what a trust's <c>&lt;issuer&gt;:aud</c> condition requires,
/// what the <c>eks.amazonaws.com/audience</c> annotation asks the webhook for, and an OIDC provider's client id. One rule
/// for all three (New-IrsaRole, Add-IrsaRoleTrust, New-IrsaTrustPolicy, Set-IrsaServiceAccount, Register-IrsaOidcProvider):
/// 1-255 printable ASCII characters (IAM's client-id limit), none of them whitespace, a quote (<c>" ' `</c>), a backslash,
/// <c>$ { }</c> (IAM reads <c>${...}</c> in a condition value as a policy variable), <c>&lt; &gt; | ^</c>, or the
/// wildcards <c>* ?</c> (a StringEquals condition compares them literally, so the trust would never match). Real
/// audiences (<c>sts.amazonaws.com</c>, <c>sts.amazonaws.com.cn</c>, <c>https://app.example.com</c>, <c>api://x</c>)
/// pass; what fails is nearly always a copy-paste slip such as <c>'"sts.amazonaws.com"'</c>.
/// </summary>
public static class TokenAudience
{
    /// <summary>The audience EKS's pod identity webhook requests by default, and what IrsaPS writes when none is given.</summary>
    public const string Default = "sts.amazonaws.com";

    public const int MaxLength = 255;

    private const string Refused = "\"'`\\${}<>|^*?";

    /// <summary>Returns the audience, or throws <c>InvalidAudience</c> (InvalidArgument) naming the problem.</summary>
    public static string Validate(string? audience)
    {
        var problem = Problem(audience);
        if (problem is not null)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidAudience,
                $"Audience '{audience}' is not valid: {problem}. The default, and what EKS uses, is '{Default}'.",
                audience);
        }

        return audience!;
    }

    public static bool IsValid(string? audience) => Problem(audience) is null;

    private static string? Problem(string? audience)
    {
        if (audience is null || audience.Length == 0)
        {
            return "it is empty (leave -Audience out for the default)";
        }

        if (audience.Length > MaxLength)
        {
            return $"it is {audience.Length} characters long (at most {MaxLength})";
        }

        foreach (var c in audience)
        {
            if (c is '*' or '?')
            {
                return "it contains '*' or '?', which an audience condition would not treat as a wildcard";
            }

            if (c <= ' ' || c > '~')
            {
                return $"it contains the character U+{(int)c:X4} (whitespace, control and non-ASCII characters are not allowed)";
            }

            if (Refused.IndexOf(c) >= 0)
            {
                return $"it contains '{c}' (quotes, backslashes and $ {{ }} < > | ^ are not allowed in an audience)";
            }
        }

        return null;
    }
}
