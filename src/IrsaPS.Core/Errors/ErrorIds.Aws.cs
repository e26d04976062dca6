namespace IrsaPS.Core.Errors;

/// <summary>ErrorIds raised by the AWS side (Aws/): connection settings, service calls, EKS tokens, OIDC thumbprints.</summary>
public static partial class ErrorIds
{
    // Connection settings: raised while resolving an AwsConnection, before any request is sent.
    public const string AwsRegionNotSpecified = nameof(AwsRegionNotSpecified);
    public const string AwsInvalidRegion = nameof(AwsInvalidRegion);
    public const string AwsCredentialsNotFound = nameof(AwsCredentialsNotFound);
    public const string AwsProfileNotFound = nameof(AwsProfileNotFound);
    public const string AwsInvalidEndpointUrl = nameof(AwsInvalidEndpointUrl);

    // Client-side checks of call inputs (policy names, thumbprints, page sizes...), before anything is sent.
    public const string AwsInvalidParameter = nameof(AwsInvalidParameter);

    // Service calls: one id per kind of failure; the AWS error code itself is in AwsServiceException.AwsErrorCode.
    public const string AwsResourceNotFound = nameof(AwsResourceNotFound);
    public const string AwsResourceAlreadyExists = nameof(AwsResourceAlreadyExists);
    public const string AwsLimitExceeded = nameof(AwsLimitExceeded);
    public const string AwsInvalidRequest = nameof(AwsInvalidRequest);
    public const string AwsAccessDenied = nameof(AwsAccessDenied);
    public const string AwsAuthenticationFailed = nameof(AwsAuthenticationFailed);
    public const string AwsConcurrentModification = nameof(AwsConcurrentModification);
    public const string AwsDeleteConflict = nameof(AwsDeleteConflict);
    public const string AwsThrottled = nameof(AwsThrottled);
    public const string AwsServiceError = nameof(AwsServiceError);
    public const string AwsConnectionFailed = nameof(AwsConnectionFailed);
    public const string AwsRequestTimeout = nameof(AwsRequestTimeout);
    public const string AwsInvalidResponse = nameof(AwsInvalidResponse);

    // EKS bearer tokens and OIDC provider thumbprints.
    public const string EksTokenFailed = nameof(EksTokenFailed);
    public const string OidcThumbprintUnavailable = nameof(OidcThumbprintUnavailable);
}
