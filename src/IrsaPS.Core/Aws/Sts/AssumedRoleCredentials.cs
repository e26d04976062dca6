using System;

namespace IrsaPS.Core.Aws.Sts;

/// <summary>
/// Temporary credentials from AssumeRoleWithWebIdentity, and who they belong to. <see cref="ToString"/> shows the
/// role and expiry only: the secret key and session token are never printed.
/// </summary>
internal sealed class AssumedRoleCredentials
{
    public AssumedRoleCredentials(string accessKeyId, string secretAccessKey, string sessionToken, DateTime expiration)
    {
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = sessionToken;
        Expiration = expiration;
    }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    public string SessionToken { get; }

    /// <summary>When the credentials stop working (UTC).</summary>
    public DateTime Expiration { get; }

    /// <summary>The assumed-role session ARN, <c>arn:aws:sts::123456789012:assumed-role/app/session</c>.</summary>
    public string? AssumedRoleArn { get; init; }

    /// <summary>The token's subject as STS saw it, e.g. <c>system:serviceaccount:web:app</c>.</summary>
    public string? SubjectFromWebIdentityToken { get; init; }

    /// <summary>The token's audience as STS saw it.</summary>
    public string? Audience { get; init; }

    /// <summary>The issuer STS matched the token to.</summary>
    public string? Provider { get; init; }

    public override string ToString() => $"{AssumedRoleArn ?? "assumed role"} (expires {Expiration:u})";
}
