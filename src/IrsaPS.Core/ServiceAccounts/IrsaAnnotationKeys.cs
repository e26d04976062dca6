using System.Collections.Generic;

namespace IrsaPS.Core.ServiceAccounts;

/// <summary>The ServiceAccount annotations that the EKS pod identity webhook reads. IrsaPS writes and removes only these.</summary>
internal static class IrsaAnnotationKeys
{
    /// <summary>The IAM role the pods of this ServiceAccount assume.</summary>
    public const string RoleArn = "eks.amazonaws.com/role-arn";

    /// <summary>The projected token's audience (default <c>sts.amazonaws.com</c>).</summary>
    public const string Audience = "eks.amazonaws.com/audience";

    /// <summary><c>"true"</c> to use the regional STS endpoint (sets AWS_STS_REGIONAL_ENDPOINTS=regional).</summary>
    public const string StsRegionalEndpoints = "eks.amazonaws.com/sts-regional-endpoints";

    /// <summary>The projected token's lifetime in seconds (default 86400).</summary>
    public const string TokenExpiration = "eks.amazonaws.com/token-expiration";

    /// <summary>All four keys.</summary>
    public static IReadOnlyList<string> All { get; } = [RoleArn, Audience, StsRegionalEndpoints, TokenExpiration];

    /// <summary>True for one of the four IRSA keys.</summary>
    public static bool IsIrsaKey(string key) => key == RoleArn || key == Audience || key == StsRegionalEndpoints || key == TokenExpiration;
}
