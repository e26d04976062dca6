using System;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy;

/// <summary>Reading IAM OIDC provider ARNs found in documents, without throwing.</summary>
internal static class OidcProviderArns
{
    private const string ResourcePrefix = "oidc-provider/";

    /// <summary>True when <paramref name="arn"/> looks like an OIDC provider ARN; gives its issuer.</summary>
    public static bool TryGetIssuer(string arn, out OidcIssuer issuer)
    {
        issuer = null!;
        if (!Arn.TryParse(arn, out var parsed) || parsed.Service != "iam"
            || !parsed.Resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        return OidcIssuer.TryParse(parsed.Resource.Substring(ResourcePrefix.Length), out issuer);
    }

    /// <summary>The issuer host/path part of a provider ARN, or null.</summary>
    public static string? HostPathOf(string arn) => TryGetIssuer(arn, out var issuer) ? issuer.HostPath : null;
}
