using System;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Real IAM returns policy documents URL-encoded (RFC 3986) in every answer; moto only in some. A JSON policy
/// document always starts with '{', so the text is decoded exactly when it does not.
/// </summary>
internal static class PolicyDocumentText
{
    public static string? Decode(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.TrimStart();
        return trimmed.StartsWith("{", StringComparison.Ordinal) ? text : Uri.UnescapeDataString(text);
    }
}
