using System;
using Amazon.Runtime;

namespace IrsaPS.Core.Aws;

/// <summary>
/// How to reach AWS, as AWS.Tools users know it: <c>-Region</c>, <c>-ProfileName</c>, <c>-ProfileLocation</c>,
/// <c>-AccessKey</c>/<c>-SecretKey</c>/<c>-SessionToken</c>, <c>-Credential</c>, <c>-EndpointUrl</c>.
/// Everything is optional; <see cref="AwsConnection.Create(AwsConnectionSettings)"/> fills the gaps from the
/// profile, the environment and the SDK's default credential chain, or says clearly what is missing.
/// </summary>
public sealed class AwsConnectionSettings
{
    /// <summary>The region, e.g. <c>eu-west-1</c>. Else the profile's, else AWS_REGION / AWS_DEFAULT_REGION.</summary>
    public string? Region { get; set; }

    /// <summary>A profile of the shared config/credentials files (or the .NET SDK store): keys, SSO, role_arn + source_profile, credential_process, web identity.</summary>
    public string? ProfileName { get; set; }

    /// <summary>The shared credentials file to read profiles from, when not the default (~/.aws/credentials).</summary>
    public string? ProfileLocation { get; set; }

    /// <summary>An access key id; needs <see cref="SecretKey"/>.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret access key of <see cref="AccessKey"/>. Never logged.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The session token of temporary keys. Never logged.</summary>
    public string? SessionToken { get; set; }

    /// <summary>Ready-made SDK credentials (AWS.Tools' <c>-Credential</c>).</summary>
    public AWSCredentials? Credential { get; set; }

    /// <summary>One endpoint for IAM, EKS, STS and EC2 together (an emulator, a proxy). Per-service AWS_ENDPOINT_URL_* still apply without it.</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>Who hears about every call and HTTP attempt (the cmdlets' -Verbose, benchmarks' counters).</summary>
    internal IAwsCallObserver? Observer { get; set; }

    /// <summary>
    /// How many times a failed attempt (throttling, 5xx, broken connections) is retried; when null, AWS_MAX_ATTEMPTS or the
    /// profile's max_attempts (minus one), else IrsaPS's default (see <see cref="Runtime.AwsCallBudget"/>).
    /// </summary>
    public int? MaxErrorRetry { get; set; }

    /// <summary>The time one HTTP attempt may take; when null a third of <see cref="CallTimeout"/>, at most <see cref="Runtime.AwsCallBudget.DefaultAttemptTimeout"/>.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// The time one AWS call may take in all, retries and backoff included (<c>-TimeoutSec</c>);
    /// <see cref="Runtime.AwsCallBudget.DefaultCallTimeout"/> when null.
    /// </summary>
    public TimeSpan? CallTimeout { get; set; }

    /// <summary>True when keys, a credential object or a profile name were given: session defaults then do not apply.</summary>
    public bool HasExplicitCredentials =>
        !string.IsNullOrEmpty(AccessKey) || !string.IsNullOrEmpty(SecretKey) || Credential is not null || !string.IsNullOrEmpty(ProfileName);

    /// <summary>
    /// The session's default region (AWS.Tools' <c>Set-DefaultAWSRegion</c>, i.e. <c>$StoredAWSRegion</c>): used after an
    /// explicit <see cref="Region"/> and before the profile and the environment, as AWS.Tools does.
    /// </summary>
    public string? SessionRegion { get; set; }

    /// <summary>
    /// The session's default credentials (AWS.Tools' <c>Set-AWSCredential</c>, i.e. <c>$StoredAWSCredentials</c>): used when
    /// no keys, <see cref="Credential"/> or <see cref="ProfileName"/> are given, before the environment and the default
    /// profile, as AWS.Tools does. Set it with <see cref="CredentialObject.ApplySessionDefault"/>.
    /// </summary>
    public AWSCredentials? SessionCredential { get; set; }

    /// <summary>
    /// How many CloudTrail LookupEvents requests per second to send per region: CloudTrail's documented 2 when null.
    /// Lower it when other tools read the same account and region at the same time; 0 or less sends without pacing
    /// (only for emulators whose limit is off).
    /// </summary>
    public double? CloudTrailRequestsPerSecond { get; set; }
}
