using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws;

/// <summary>
/// Makes EKS bearer tokens exactly as <c>aws eks get-token</c> does: presign
/// <c>GET https://sts.&lt;region&gt;.&lt;partition suffix&gt;/?Action=GetCallerIdentity&amp;Version=2011-06-15</c> with the
/// signed header <c>x-k8s-aws-id: &lt;cluster&gt;</c> and <c>X-Amz-Expires=60</c> (AWSSDK.Core's public SigV4 signer),
/// lay the query out in the order botocore uses (signature last), and encode
/// <c>k8s-aws-v1.</c> + base64url(url) without padding. Sends nothing: the API server's authenticator calls STS.
/// </summary>
internal static class EksTokenGenerator
{
    public const string TokenPrefix = "k8s-aws-v1.";
    public const string ClusterIdHeader = "x-k8s-aws-id";

    /// <summary>The presigned URL's own expiry (X-Amz-Expires).</summary>
    public static readonly TimeSpan PresignExpiry = TimeSpan.FromSeconds(60);

    /// <summary>The SigV4 query parameters in the order botocore adds them; anything else keeps its place before them.</summary>
    private static readonly string[] SigV4QueryOrder =
    [
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature",
    ];

    /// <summary>How long callers should reuse a token (aws eks get-token reports 14 minutes).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(14);

    /// <summary>
    /// A token for <paramref name="clusterName"/> in <paramref name="region"/>. <paramref name="signedAt"/> fixes the
    /// signing time (tests); null means now.
    /// </summary>
    public static async Task<EksToken> CreateAsync(
        AWSCredentials credentials, string region, string clusterName, DateTime? signedAt = null, CancellationToken cancellationToken = default)
    {
        if (credentials is null)
        {
            throw new ArgumentNullException(nameof(credentials));
        }

        EksNames.ValidateClusterName(clusterName);
        AwsRegionResolver.Validate(region);
        var when = (signedAt ?? DateTime.UtcNow).ToUniversalTime();
        var request = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Get,
            RequestUri = new Uri(ServiceEndpoints.StsUrl(region) + "/?Action=GetCallerIdentity&Version=2011-06-15"),
        };
        request.Headers[ClusterIdHeader] = clusterName;
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = "sts",
            SignedAt = when,
        };

        PresignResult presigned;
        try
        {
            presigned = await AWSSigV4Signer.PresignAsync(request, parameters, PresignExpiry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not IrsaException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new IrsaException(
                ErrorIds.EksTokenFailed,
                IrsaErrorKind.AuthenticationFailed,
                $"Could not sign an EKS token for cluster '{clusterName}': the AWS credentials could not be obtained or used ({ex.Message}).",
                clusterName,
                ex);
        }

        var url = CanonicalUrl(presigned.Uri);
        var token = TokenPrefix + Base64Url(Encoding.UTF8.GetBytes(url));
        return new EksToken(clusterName, token, when, when + TokenLifetime);
    }

    /// <summary>The URL inside a token (for diagnostics and tests); throws <c>EksTokenFailed</c> when it is not one.</summary>
    public static string DecodeUrl(string token)
    {
        if (token is null || !token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            throw new IrsaValidationException(ErrorIds.EksTokenFailed, $"The text is not an EKS token: it does not start with '{TokenPrefix}'.");
        }

        var body = token.Substring(TokenPrefix.Length).Replace('-', '+').Replace('_', '/');
        body = body.PadRight(body.Length + ((4 - (body.Length % 4)) % 4), '=');
        return Encoding.UTF8.GetString(Convert.FromBase64String(body));
    }

    /// <summary>
    /// The presigned URL with its query in the order botocore writes it: the request's own parameters (Action,
    /// Version), then the SigV4 parameters in botocore's order, the signature last. The order does not change the
    /// signature; it makes tokens byte-identical to aws-cli's.
    /// </summary>
    internal static string CanonicalUrl(Uri presigned)
    {
        var text = presigned.OriginalString;
        var question = text.IndexOf('?');
        if (question < 0)
        {
            return text;
        }

        var pairs = text.Substring(question + 1).Split('&');
        int Rank(string pair)
        {
            var index = Array.IndexOf(SigV4QueryOrder, pair.Split('=')[0]);
            return index < 0 ? -1 : index;
        }

        var ordered = pairs.Select((pair, position) => (pair, position)).OrderBy(p => Rank(p.pair)).ThenBy(p => p.position).Select(p => p.pair);
        return text.Substring(0, question + 1) + string.Join("&", ordered);
    }

    private static string Base64Url(IEnumerable<byte> bytes) =>
        Convert.ToBase64String(bytes.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
