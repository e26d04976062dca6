namespace IrsaPS.Core.Models;

/// <summary>
/// The live proof of Test-IrsaTrust -Live: a TokenRequest for the service account with its audience, a real
/// AssumeRoleWithWebIdentity with that token, then GetCallerIdentity with the returned credentials. Never holds the
/// token or the keys. <see cref="FailedStep"/> names the step that failed (TokenRequest, AssumeRoleWithWebIdentity,
/// GetCallerIdentity), null on success.
/// </summary>
public sealed class IrsaLiveTrustResult
{
    public bool Succeeded { get; init; }

    /// <summary>The step that failed, or null.</summary>
    public string? FailedStep { get; init; }

    /// <summary>The AWS or Kubernetes error code of the failure (e.g. <c>AccessDenied</c>, <c>InvalidIdentityToken</c>, <c>NotFound</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The failure's message (never a secret).</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The audiences the token was issued for.</summary>
    public string? TokenAudience { get; init; }

    /// <summary>The assumed-role session ARN STS returned (<c>arn:aws:sts::123456789012:assumed-role/app/session</c>).</summary>
    public string? AssumedRoleArn { get; init; }

    /// <summary>The ARN GetCallerIdentity returned with the new credentials: what AWS says the pod would be.</summary>
    public string? CallerArn { get; init; }

    /// <summary>The account of <see cref="CallerArn"/>.</summary>
    public string? CallerAccount { get; init; }

    /// <summary>The subject STS read from the token.</summary>
    public string? SubjectFromWebIdentityToken { get; init; }

    public override string ToString() => Succeeded ? $"Live: assumed as {CallerArn}" : $"Live: failed at {FailedStep} ({ErrorCode})";
}
