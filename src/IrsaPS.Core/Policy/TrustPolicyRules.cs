using System;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Policy;

/// <summary>
/// The extra rules IAM applies to a role trust policy (a resource-based policy on the role): at least one statement;
/// every statement names who it is about (Principal or NotPrincipal); no Resource or NotResource (IAM refuses
/// "Has prohibited field Resource"). Checked before anything is sent.
/// </summary>
internal static class TrustPolicyRules
{
    /// <summary>Throws <see cref="MalformedPolicyException"/> (MalformedPolicyDocument, with the path) on the first violation.</summary>
    public static void Validate(PolicyDocument document)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (document.Statements.Count == 0)
        {
            throw new MalformedPolicyException(ErrorIds.MalformedPolicyDocument, "$.Statement", "a trust policy needs at least one statement.");
        }

        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            var path = PolicyJsonPath.Index("$.Statement", i);
            if (statement.Principal is null && statement.NotPrincipal is null)
            {
                throw new MalformedPolicyException(ErrorIds.MalformedPolicyDocument, path, "a trust-policy statement must have a Principal (for IRSA: {\"Federated\": \"<OIDC provider ARN>\"}).");
            }

            if (statement.Resource is not null || statement.NotResource is not null)
            {
                var field = statement.Resource is not null ? "Resource" : "NotResource";
                throw new MalformedPolicyException(ErrorIds.MalformedPolicyDocument, path + "." + field, $"a trust policy cannot have {field}; the role itself is the resource.");
            }
        }
    }
}
