namespace IrsaPS.Core.Errors;

/// <summary>
/// Every ErrorId IrsaPS.Core raises. These strings are public contract: scripts match on them
/// (<c>$_.FullyQualifiedErrorId -like 'InvalidNamespace,*'</c>). Add, never rename.
/// Each area adds its own in a partial file (ErrorIds.Policy.cs, ErrorIds.Aws.cs, ErrorIds.Kubernetes.cs).
/// </summary>
public static partial class ErrorIds
{
    // Input validation (Validation/).
    public const string InvalidNamespace = nameof(InvalidNamespace);
    public const string InvalidServiceAccountName = nameof(InvalidServiceAccountName);
    public const string InvalidRoleName = nameof(InvalidRoleName);
    public const string InvalidRolePath = nameof(InvalidRolePath);
    public const string InvalidArn = nameof(InvalidArn);
    public const string InvalidAccountId = nameof(InvalidAccountId);
    public const string InvalidPartition = nameof(InvalidPartition);
    public const string InvalidIssuerUrl = nameof(InvalidIssuerUrl);
    public const string InvalidAudience = nameof(InvalidAudience);
    public const string InvalidClusterName = nameof(InvalidClusterName);
    public const string InvalidTag = nameof(InvalidTag);
    public const string InvalidDescription = nameof(InvalidDescription);
    public const string InvalidMaxSessionDuration = nameof(InvalidMaxSessionDuration);
    public const string InvalidParameterCombination = nameof(InvalidParameterCombination);
    public const string WildcardNotAllowed = nameof(WildcardNotAllowed);
}
