using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Sts;

/// <summary>STS on AWSSDK.SecurityToken, with IrsaPS's observer and error translation. Get one from <see cref="AwsConnection.Sts"/>. Thread-safe.</summary>
internal sealed class StsClient
{
    private const string Service = "STS";
    private const int MinDuration = 900;
    private const int MaxDuration = 43200;
    private readonly Lazy<ObservedStsClient> _signed;
    private readonly Lazy<ObservedStsClient> _anonymous;
    private readonly AwsCallRunner _runner;

    internal StsClient(Lazy<ObservedStsClient> signed, Lazy<ObservedStsClient> anonymous, IAwsCallObserver observer, TimeSpan? callTimeout = null)
    {
        _signed = signed;
        _anonymous = anonymous;
        _runner = new AwsCallRunner(Service, observer, callTimeout);
    }

    /// <summary>The account and ARN of the connection's credentials.</summary>
    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        _runner.RunAsync(
            "GetCallerIdentity",
            null,
            async token =>
            {
                var response = await _signed.Value.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token).ConfigureAwait(false);
                return new CallerIdentity(response.Account, response.Arn, response.UserId);
            },
            cancellationToken);

    /// <summary>
    /// Exchanges a web identity token (a Kubernetes service account token) for role credentials, as a pod does.
    /// The request is anonymous: the connection's own credentials are not used.
    /// </summary>
    public Task<AssumedRoleCredentials> AssumeRoleWithWebIdentityAsync(
        string roleArn, string webIdentityToken, string roleSessionName, int? durationSeconds = null, CancellationToken cancellationToken = default)
    {
        var role = Arn.ParseRole(roleArn).ToString();
        if (string.IsNullOrWhiteSpace(webIdentityToken))
        {
            throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, "The web identity token is empty.");
        }

        ValidateSessionName(roleSessionName);
        if (durationSeconds is < MinDuration or > MaxDuration)
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidParameter, $"DurationSeconds {durationSeconds} is outside STS's range of {MinDuration}-{MaxDuration} seconds.");
        }

        var request = new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = role,
            WebIdentityToken = webIdentityToken,
            RoleSessionName = roleSessionName,
            DurationSeconds = durationSeconds,
        };
        return _runner.RunAsync(
            "AssumeRoleWithWebIdentity",
            role,
            async token =>
            {
                var response = await _anonymous.Value.AssumeRoleWithWebIdentityAsync(request, token).ConfigureAwait(false);
                var credentials = response.Credentials;
                return new AssumedRoleCredentials(
                    credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, credentials.Expiration?.ToUniversalTime() ?? DateTime.MinValue)
                {
                    AssumedRoleArn = response.AssumedRoleUser?.Arn,
                    SubjectFromWebIdentityToken = response.SubjectFromWebIdentityToken,
                    Audience = response.Audience,
                    Provider = response.Provider,
                };
            },
            cancellationToken);
    }

    /// <summary>Session names: 2-64 letters, digits and <c>+=,.@-_</c>.</summary>
    private static void ValidateSessionName(string? name)
    {
        var ok = name is { Length: >= 2 and <= 64 };
        if (ok)
        {
            foreach (var c in name!)
            {
                if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '+' or '=' or ',' or '.' or '@' or '-' or '_'))
                {
                    ok = false;
                    break;
                }
            }
        }

        if (!ok)
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidParameter, $"Role session name '{name}' is not valid: 2-64 letters, digits and +=,.@-_ characters.", name);
        }
    }
}
