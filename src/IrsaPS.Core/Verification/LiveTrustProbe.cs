using System;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Verification;

/// <summary>
/// Test-IrsaTrust -Live: the three steps a pod's SDK takes, done for real. (1) TokenRequest for the service account
/// with its audience; (2) STS AssumeRoleWithWebIdentity with that token (anonymous, as in a pod); (3) GetCallerIdentity
/// signed with the returned credentials, from a connection with the same region and endpoint. Only AWS's answer proves
/// the trust; emulators such as moto accept any token, so a live pass there proves the plumbing, not the policy.
/// The token and the keys stay in local variables: they are never returned, logged or put in a message.
/// </summary>
internal static class LiveTrustProbe
{
    public const string TokenRequestStep = "TokenRequest";
    public const string AssumeRoleStep = "AssumeRoleWithWebIdentity";
    public const string CallerIdentityStep = "GetCallerIdentity";

    /// <summary>The shortest token lifetime the API server grants (kube-apiserver rounds shorter requests up to it).</summary>
    public const long MinimumTokenSeconds = 600;

    public static async Task<IrsaLiveTrustResult> RunAsync(
        AwsConnection aws,
        KubernetesClient kube,
        TrustTarget target,
        long tokenExpirationSeconds = MinimumTokenSeconds,
        CancellationToken cancellationToken = default)
    {
        if (aws is null)
        {
            throw new ArgumentNullException(nameof(aws));
        }

        if (kube is null)
        {
            throw new ArgumentNullException(nameof(kube));
        }

        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        if (target.Role is null)
        {
            return Failed(TokenRequestStep, "NoRole", "there is no role to assume (no annotation and no -RoleArn).", target.Audience);
        }

        string token;
        try
        {
            var issued = await kube.RequestServiceAccountTokenAsync(target.Namespace, target.ServiceAccountName, [target.Audience], tokenExpirationSeconds, cancellationToken).ConfigureAwait(false);
            token = issued.Token;
        }
        catch (IrsaException ex)
        {
            return Failed(TokenRequestStep, ex.ErrorId, ex.Message, target.Audience);
        }

        Aws.Sts.AssumedRoleCredentials credentials;
        try
        {
            credentials = await aws.Sts.AssumeRoleWithWebIdentityAsync(target.Role.ToString(), token, SessionName(target), null, cancellationToken).ConfigureAwait(false);
        }
        catch (IrsaException ex)
        {
            return Failed(AssumeRoleStep, CodeOf(ex), ex.Message, target.Audience);
        }

        try
        {
            using var assumed = AwsConnection.Create(new AwsConnectionSettings
            {
                Region = aws.Region,
                AccessKey = credentials.AccessKeyId,
                SecretKey = credentials.SecretAccessKey,
                SessionToken = credentials.SessionToken,
                EndpointUrl = aws.EndpointUrl?.AbsoluteUri,
                Observer = aws.Observer,
            });
            var identity = await assumed.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
            return new IrsaLiveTrustResult
            {
                Succeeded = true,
                TokenAudience = target.Audience,
                AssumedRoleArn = credentials.AssumedRoleArn,
                SubjectFromWebIdentityToken = credentials.SubjectFromWebIdentityToken,
                CallerArn = identity.Arn,
                CallerAccount = identity.Account,
            };
        }
        catch (IrsaException ex)
        {
            return new IrsaLiveTrustResult
            {
                Succeeded = false,
                FailedStep = CallerIdentityStep,
                ErrorCode = CodeOf(ex),
                ErrorMessage = ex.Message,
                TokenAudience = target.Audience,
                AssumedRoleArn = credentials.AssumedRoleArn,
                SubjectFromWebIdentityToken = credentials.SubjectFromWebIdentityToken,
            };
        }
    }

    /// <summary><c>irsaps-test-&lt;ns&gt;-&lt;sa&gt;</c>, cut to STS's 64 characters and its allowed set.</summary>
    internal static string SessionName(TrustTarget target)
    {
        var raw = "irsaps-test-" + target.Namespace + "-" + target.ServiceAccountName;
        var chars = raw.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '=' or ',' or '.' or '@' or '-' or '_' or '+';
            chars[i] = ok ? c : '-';
        }

        var name = new string(chars);
        return name.Length <= 64 ? name : name.Substring(0, 64);
    }

    private static string CodeOf(IrsaException ex) => ex is AwsServiceException aws && aws.AwsErrorCode is not null ? aws.AwsErrorCode : ex.ErrorId;

    private static IrsaLiveTrustResult Failed(string step, string code, string message, string audience) => new()
    {
        Succeeded = false,
        FailedStep = step,
        ErrorCode = code,
        ErrorMessage = message,
        TokenAudience = audience,
    };
}
