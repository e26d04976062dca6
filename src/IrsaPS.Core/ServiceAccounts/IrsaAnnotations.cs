using System.Collections.Generic;
using System.Globalization;

namespace IrsaPS.Core.ServiceAccounts;

/// <summary>
/// The IRSA annotations of a ServiceAccount, as written (raw strings, so that an audit can report malformed values)
/// and as the webhook reads them (<see cref="UsesRegionalStsEndpoint"/>, <see cref="TokenExpirationSeconds"/>).
/// </summary>
internal sealed class IrsaAnnotations
{
    public static readonly IrsaAnnotations None = new();

    /// <summary><c>eks.amazonaws.com/role-arn</c>.</summary>
    public string? RoleArn { get; init; }

    /// <summary><c>eks.amazonaws.com/audience</c>.</summary>
    public string? Audience { get; init; }

    /// <summary><c>eks.amazonaws.com/sts-regional-endpoints</c>, raw.</summary>
    public string? StsRegionalEndpoints { get; init; }

    /// <summary><c>eks.amazonaws.com/token-expiration</c>, raw.</summary>
    public string? TokenExpiration { get; init; }

    /// <summary>True when none of the four annotations is present.</summary>
    public bool IsEmpty => RoleArn is null && Audience is null && StsRegionalEndpoints is null && TokenExpiration is null;

    /// <summary>true / false when the annotation is a boolean the webhook understands, null when absent or malformed.</summary>
    public bool? UsesRegionalStsEndpoint => StsRegionalEndpoints switch
    {
        null => null,
        var value when string.Equals(value.Trim(), "true", System.StringComparison.OrdinalIgnoreCase) => true,
        var value when string.Equals(value.Trim(), "false", System.StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };

    /// <summary>The token lifetime in seconds when the annotation is an integer, else null.</summary>
    public long? TokenExpirationSeconds =>
        TokenExpiration is not null && long.TryParse(TokenExpiration.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    /// <summary>The IRSA annotations found among <paramref name="annotations"/>.</summary>
    public static IrsaAnnotations From(IReadOnlyDictionary<string, string> annotations)
    {
        annotations.TryGetValue(IrsaAnnotationKeys.RoleArn, out var roleArn);
        annotations.TryGetValue(IrsaAnnotationKeys.Audience, out var audience);
        annotations.TryGetValue(IrsaAnnotationKeys.StsRegionalEndpoints, out var regional);
        annotations.TryGetValue(IrsaAnnotationKeys.TokenExpiration, out var expiration);
        return roleArn is null && audience is null && regional is null && expiration is null
            ? None
            : new IrsaAnnotations { RoleArn = roleArn, Audience = audience, StsRegionalEndpoints = regional, TokenExpiration = expiration };
    }
}
