using System;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Aws;

/// <summary>
/// An AWS call that failed: the service answered with an error (after the SDK's retries), or could not be
/// reached. <see cref="IrsaException.Kind"/> says what kind of failure it is (NotFound, AlreadyExists,
/// PermissionDenied, ...), <see cref="AwsErrorCode"/> is the service's own code (<c>NoSuchEntity</c>,
/// <c>ResourceNotFoundException</c>, ...). Never carries credentials, signatures or tokens.
/// </summary>
internal class AwsServiceException : IrsaException
{
    public AwsServiceException(
        string errorId,
        IrsaErrorKind kind,
        string message,
        string service,
        string operation,
        string? target = null,
        string? awsErrorCode = null,
        int? httpStatusCode = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(errorId, kind, message, target, innerException)
    {
        Service = service;
        Operation = operation;
        AwsErrorCode = awsErrorCode;
        HttpStatusCode = httpStatusCode;
        RequestId = requestId;
    }

    /// <summary>The service that was called: <c>IAM</c>, <c>EKS</c>, <c>STS</c> or <c>EC2</c>.</summary>
    public string Service { get; }

    /// <summary>The API operation, e.g. <c>CreateRole</c>.</summary>
    public string Operation { get; }

    /// <summary>The error code the service returned (e.g. <c>EntityAlreadyExists</c>); null when no answer came back.</summary>
    public string? AwsErrorCode { get; }

    /// <summary>The HTTP status of the failed answer; null when no answer came back.</summary>
    public int? HttpStatusCode { get; }

    /// <summary>The service's request id, for AWS support and CloudTrail.</summary>
    public string? RequestId { get; }
}
