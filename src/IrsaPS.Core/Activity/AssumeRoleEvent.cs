using System;

namespace IrsaPS.Core.Activity;

/// <summary>
/// One <c>sts:AssumeRoleWithWebIdentity</c> CloudTrail record, reduced to what the activity report needs:
/// when and where (eventTime, awsRegion), which role (<c>requestParameters.roleArn</c>), who (<c>userIdentity.userName</c>,
/// the token's <c>sub</c>, and <c>userIdentity.identityProvider</c>, the OIDC provider's ARN), from where
/// (sourceIPAddress, userAgent), and whether it was refused (<c>errorCode</c>). Both sources (LookupEvents' CloudTrailEvent
/// strings and trail files) produce it with the same parser (<see cref="CloudTrailRecordParser"/>).
/// </summary>
internal sealed class AssumeRoleEvent
{
    public string EventId { get; init; } = string.Empty;

    public DateTime EventTime { get; init; }

    public string Region { get; init; } = string.Empty;

    public string RoleArn { get; init; } = string.Empty;

    public string? RoleSessionName { get; init; }

    /// <summary>The token's <c>sub</c>: <c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c> for IRSA.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>The OIDC provider's ARN (<c>arn:aws:iam::&lt;account&gt;:oidc-provider/&lt;issuer host/path&gt;</c>), or the issuer's name.</summary>
    public string IdentityProvider { get; init; } = string.Empty;

    /// <summary>The token's audience (<c>responseElements.audience</c>, or the middle of <c>userIdentity.principalId</c>), when recorded.</summary>
    public string? Audience { get; init; }

    public string? SourceAddress { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The access key of the session the call created (success only).</summary>
    public string? AccessKeyId { get; init; }

    /// <summary><c>AccessDenied</c>, <c>InvalidIdentityToken</c>...; null when the call succeeded.</summary>
    public string? ErrorCode { get; init; }

    public bool Refused => ErrorCode is not null;

    /// <summary>The issuer's host and path: the part of <see cref="IdentityProvider"/> after <c>oidc-provider/</c>.</summary>
    public string IssuerHostPath
    {
        get
        {
            const string Marker = ":oidc-provider/";
            var index = IdentityProvider.IndexOf(Marker, StringComparison.Ordinal);
            var text = index >= 0 ? IdentityProvider.Substring(index + Marker.Length) : IdentityProvider;
            if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                text = text.Substring("https://".Length);
            }

            return text.TrimEnd('/');
        }
    }

    public override string ToString() => $"{EventTime:u} {RoleArn} {Subject}{(ErrorCode is null ? string.Empty : " " + ErrorCode)}";
}
