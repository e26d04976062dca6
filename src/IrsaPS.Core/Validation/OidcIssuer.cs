using System;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Validation;

/// <summary>
/// A cluster's OIDC issuer, e.g. <c>https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE</c>.
/// IAM names the provider and the condition keys after the issuer's host and path (<see cref="HostPath"/>),
/// which are kept exactly as given (the path is case-sensitive). https only; no port, query, fragment or user info,
/// as IAM requires. A bare <c>host/path</c> (how the IAM console shows a provider) is read as https.
/// One trailing '/' is dropped, because tokens never carry it in <c>iss</c>. Only URL characters are accepted (no quotes,
/// braces, backslashes, '$' or '*'), and at most 255 characters, so nothing odd reaches a provider ARN or condition key.
/// </summary>
internal sealed class OidcIssuer : IEquatable<OidcIssuer>
{
    /// <summary>IAM's limit for an OIDC provider URL (CreateOpenIDConnectProvider: OpenIDConnectProviderUrlType, 1-255).</summary>
    public const int MaxUrlLength = 255;

    private OidcIssuer(string hostPath) => HostPath = hostPath;

    /// <summary>Host and path, no scheme: the IAM provider URL and the prefix of the condition keys.</summary>
    public string HostPath { get; }

    /// <summary>The issuer URL, <c>https://</c> + <see cref="HostPath"/>.</summary>
    public string Url => "https://" + HostPath;

    /// <summary>The host alone (what the TLS thumbprint is computed for).</summary>
    public string Host => HostPath.Split('/')[0];

    /// <summary>The condition key for the token subject: <c>&lt;host/path&gt;:sub</c>.</summary>
    public string SubKey => HostPath + ":sub";

    /// <summary>The condition key for the token audience: <c>&lt;host/path&gt;:aud</c>.</summary>
    public string AudKey => HostPath + ":aud";

    /// <summary>The condition key for the token's authentication methods: <c>&lt;host/path&gt;:amr</c>.</summary>
    public string AmrKey => HostPath + ":amr";

    /// <summary>The IAM OIDC provider ARN for this issuer in an account.</summary>
    public string ProviderArn(string partition, string accountId) =>
        $"arn:{AwsPartition.Validate(partition)}:iam::{AccountId.Validate(accountId)}:oidc-provider/{HostPath}";

    /// <summary>Parses an issuer URL or throws <c>InvalidIssuerUrl</c>.</summary>
    public static OidcIssuer Parse(string? value)
    {
        if (TryParse(value, out var issuer, out var problem))
        {
            return issuer;
        }

        throw new IrsaValidationException(
            ErrorIds.InvalidIssuerUrl,
            $"'{value}' is not a valid OIDC issuer URL: {problem}. Expected something like https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE.",
            value);
    }

    public static bool TryParse(string? value, out OidcIssuer issuer) => TryParse(value, out issuer, out _);

    /// <summary>The issuer named by an OIDC provider ARN (<c>arn:p:iam::acct:oidc-provider/host/path</c>).</summary>
    public static OidcIssuer FromProviderArn(string providerArn)
    {
        var arn = Arn.ParseOidcProvider(providerArn);
        return Parse(arn.Resource.Substring("oidc-provider/".Length));
    }

    private static bool TryParse(string? value, out OidcIssuer issuer, out string? problem)
    {
        issuer = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = "it is empty";
            return false;
        }

        var text = value!;
        if (text.Trim().Length != text.Length)
        {
            problem = "it has leading or trailing whitespace";
            return false;
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var bare = schemeEnd < 0;
        if (schemeEnd >= 0)
        {
            var scheme = text.Substring(0, schemeEnd);
            if (!string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                problem = $"the scheme is '{scheme}', but IAM accepts only https issuers";
                return false;
            }

            text = text.Substring(schemeEnd + 3);
        }

        if (text.EndsWith("/", StringComparison.Ordinal))
        {
            text = text.Substring(0, text.Length - 1);
        }

        if (text.Length == 0)
        {
            problem = "it has no host";
            return false;
        }

        if (text.IndexOfAny(['?', '#']) >= 0)
        {
            problem = "it has a query or fragment, which IAM does not allow";
            return false;
        }

        if (text.IndexOf('@') >= 0)
        {
            problem = "it has user information";
            return false;
        }

        foreach (var c in text)
        {
            if (c <= ' ' || c > '~')
            {
                problem = $"it contains the character U+{(int)c:X4}";
                return false;
            }

            if (!IsUrlCharacter(c))
            {
                problem = $"it contains '{c}', which an issuer URL cannot hold (letters, digits and - . _ ~ / % : @ ! & ( ) + , ; = only; quotes would also end up in the provider ARN and the condition keys)";
                return false;
            }
        }

        if (("https://" + text).Length > MaxUrlLength)
        {
            problem = $"it is {("https://" + text).Length} characters long; IAM allows at most {MaxUrlLength} for a provider URL";
            return false;
        }

        for (var i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%', i + 1))
        {
            if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
            {
                problem = "it has a '%' that does not start a percent-encoded byte (%XX)";
                return false;
            }
        }

        var host = text.Split('/')[0];
        if (host.Length == 0)
        {
            problem = "it has no host";
            return false;
        }

        if (host.IndexOf(':') >= 0)
        {
            problem = "it has a port number, which IAM does not allow in provider URLs";
            return false;
        }

        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            problem = $"'{host}' is not a host name";
            return false;
        }

        if (bare && host.IndexOf('.') < 0)
        {
            // host/path without https:// is read as a URL only when the host is fully qualified: 'oidc' or 'web/app' is a mistake.
            problem = $"it has no https:// and '{host}' is not a fully qualified host name";
            return false;
        }

        if (text.Contains("//"))
        {
            problem = "its path has an empty segment";
            return false;
        }

        // Host and path are kept exactly: IAM compares provider URLs and condition keys as written,
        // and the token's 'iss' claim is what the cluster publishes.
        issuer = new OidcIssuer(text);
        problem = null;
        return true;
    }

    /// <summary>RFC 3986 path characters (unreserved, percent-encoded, and the sub-delimiters other than $ ' *), plus '/'.</summary>
    private static bool IsUrlCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
        || "-._~/%:@!&()+,;=".IndexOf(c) >= 0;

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    public bool Equals(OidcIssuer? other) => other is not null && string.Equals(HostPath, other.HostPath, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as OidcIssuer);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(HostPath);

    public override string ToString() => Url;
}
