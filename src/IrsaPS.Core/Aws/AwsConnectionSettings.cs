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
    public IAwsCallObserver? Observer { get; set; }

    /// <summary>How many times the SDK retries a failed attempt (throttling, 5xx, broken connections); the SDK's default (2) when null.</summary>
    public int? MaxErrorRetry { get; set; }

    /// <summary>The time one HTTP attempt may take; the SDK's default when null.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// How many CloudTrail LookupEvents requests per second to send per region: CloudTrail's documented 2 when null.
    /// Lower it when other tools read the same account and region at the same time; 0 or less sends without pacing
    /// (only for emulators whose limit is off).
    /// </summary>
    public double? CloudTrailRequestsPerSecond { get; set; }
}
