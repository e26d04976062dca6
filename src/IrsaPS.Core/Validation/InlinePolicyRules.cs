using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Validation;

/// <summary>
/// What IAM accepts as a role's inline (identity-based) policies, checked before anything is written: a name of 1-128
/// letters, digits and <c>+=,.@_-</c>; a parseable policy document without <c>Principal</c> or <c>NotPrincipal</c> (IAM
/// answers MalformedPolicyDocument "Policy document should not specify a principal"; a principal belongs in a trust or
/// resource policy); and all inline policies of one role together at most 10,240 characters, whitespace not counted
/// (IAM quota "Role policy size", the aggregate of every inline policy of the role, existing ones included).
/// </summary>
internal static class InlinePolicyRules
{
    /// <summary>IAM's aggregate limit for the inline policies of one role, in non-whitespace characters.</summary>
    public const int RoleTotalLimit = 10240;

    public static void Validate(string name, string document)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 128 || name.Any(c => !(char.IsLetterOrDigit(c) && c < 128) && "+=,.@_-".IndexOf(c) < 0))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidInlinePolicy,
                $"Inline policy name '{name}' is not valid: 1-128 letters, digits and +=,.@_- characters.",
                name);
        }

        PolicyDocument parsed;
        try
        {
            parsed = PolicyDocument.Parse(document);
        }
        catch (MalformedPolicyException ex)
        {
            throw new IrsaValidationException(ErrorIds.InvalidInlinePolicy, $"Inline policy '{name}' is not a valid policy document: {ex.Message}", name);
        }

        var index = parsed.Statements.FindIndex(s => s.Principal is not null || s.NotPrincipal is not null);
        if (index >= 0)
        {
            var element = parsed.Statements[index].Principal is not null ? "Principal" : "NotPrincipal";
            throw new IrsaValidationException(
                ErrorIds.InvalidInlinePolicy,
                $"Inline policy '{name}' has a {element} element in statement {index}: a role's own (identity) policy applies to the role and names no principal, so IAM refuses it. Remove {element}; who may assume the role belongs in its trust policy.",
                name);
        }
    }

    /// <summary>The characters IAM counts for one policy document (whitespace is not counted).</summary>
    public static int Measure(string document) => TrustPolicySize.Measure(document);

    /// <summary>
    /// Throws <c>InlinePolicyTooLarge</c> when the role's inline policies after the change — <paramref name="written"/>
    /// (name → document to put) plus the <paramref name="kept"/> existing ones that are not replaced — exceed
    /// <see cref="RoleTotalLimit"/>.
    /// </summary>
    public static void EnsureRoleTotal(string roleName, IReadOnlyDictionary<string, string> written, IReadOnlyDictionary<string, string>? kept = null)
    {
        var sizes = written.Select(p => (p.Key, Size: Measure(p.Value), Existing: false))
            .Concat((kept ?? new Dictionary<string, string>()).Where(p => !written.ContainsKey(p.Key)).Select(p => (p.Key, Size: Measure(p.Value), Existing: true)))
            .OrderByDescending(p => p.Size)
            .ToList();
        var total = sizes.Sum(p => p.Size);
        if (total <= RoleTotalLimit)
        {
            return;
        }

        var parts = string.Join(", ", sizes.Select(p => string.Format(CultureInfo.InvariantCulture, "'{0}' {1:N0}{2}", p.Key, p.Size, p.Existing ? " (existing)" : string.Empty)));
        throw new IrsaException(
            ErrorIds.InlinePolicyTooLarge,
            IrsaErrorKind.LimitExceeded, // as TrustPolicyTooLarge: a quota, not a malformed argument
            string.Format(
                CultureInfo.InvariantCulture,
                "The inline policies of role '{0}' would total {1:N0} characters (whitespace not counted): {2}. IAM allows {3:N0} per role. Move permissions into a managed policy (-PolicyArn), or shorten the documents.",
                roleName,
                total,
                parts,
                RoleTotalLimit),
            roleName);
    }
}
