using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Turns what the SDK throws after its retries (AmazonServiceException with the service's error code, or a
/// client-side failure) into an <see cref="AwsServiceException"/> with a stable ErrorId and kind. Messages name the
/// service, operation, target, AWS error code, HTTP status and request id, and never carry credentials.
/// </summary>
internal static class AwsErrorTranslator
{
    private static readonly Dictionary<string, (string ErrorId, IrsaErrorKind Kind)> ByCode = new(StringComparer.Ordinal)
    {
        ["NoSuchEntity"] = (ErrorIds.AwsResourceNotFound, IrsaErrorKind.NotFound),
        ["ResourceNotFoundException"] = (ErrorIds.AwsResourceNotFound, IrsaErrorKind.NotFound),
        ["NotFoundException"] = (ErrorIds.AwsResourceNotFound, IrsaErrorKind.NotFound),
        ["EntityAlreadyExists"] = (ErrorIds.AwsResourceAlreadyExists, IrsaErrorKind.AlreadyExists),
        ["LimitExceeded"] = (ErrorIds.AwsLimitExceeded, IrsaErrorKind.LimitExceeded),
        ["LimitExceededException"] = (ErrorIds.AwsLimitExceeded, IrsaErrorKind.LimitExceeded),
        ["ResourceLimitExceededException"] = (ErrorIds.AwsLimitExceeded, IrsaErrorKind.LimitExceeded),
        ["PackedPolicyTooLarge"] = (ErrorIds.AwsLimitExceeded, IrsaErrorKind.LimitExceeded),
        ["MalformedPolicyDocument"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["MalformedPolicyDocumentException"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["InvalidInput"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["ValidationError"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["InvalidParameterValue"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["InvalidParameterException"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["InvalidRequestException"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["AccessDenied"] = (ErrorIds.AwsAccessDenied, IrsaErrorKind.PermissionDenied),
        ["AccessDeniedException"] = (ErrorIds.AwsAccessDenied, IrsaErrorKind.PermissionDenied),
        ["UnauthorizedOperation"] = (ErrorIds.AwsAccessDenied, IrsaErrorKind.PermissionDenied),
        ["UnauthorizedAccess"] = (ErrorIds.AwsAccessDenied, IrsaErrorKind.PermissionDenied),
        ["UnmodifiableEntity"] = (ErrorIds.AwsAccessDenied, IrsaErrorKind.PermissionDenied),
        ["InvalidClientTokenId"] = (ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed),
        ["SignatureDoesNotMatch"] = (ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed),
        ["ExpiredToken"] = (ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed),
        ["ExpiredTokenException"] = (ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed),
        ["UnrecognizedClientException"] = (ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed),
        ["MissingAuthenticationToken"] = (ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed),
        ["IncompleteSignature"] = (ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed),
        ["InvalidIdentityToken"] = (ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed),
        ["IDPRejectedClaim"] = (ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed),
        ["AuthFailure"] = (ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed),
        ["ConcurrentModification"] = (ErrorIds.AwsConcurrentModification, IrsaErrorKind.Conflict),
        ["ConcurrentModificationException"] = (ErrorIds.AwsConcurrentModification, IrsaErrorKind.Conflict),
        ["ResourceInUseException"] = (ErrorIds.AwsConcurrentModification, IrsaErrorKind.Conflict),
        ["DeleteConflict"] = (ErrorIds.AwsDeleteConflict, IrsaErrorKind.Conflict),
        ["Throttling"] = (ErrorIds.AwsThrottled, IrsaErrorKind.ServiceError),
        ["ThrottlingException"] = (ErrorIds.AwsThrottled, IrsaErrorKind.ServiceError),
        ["TooManyRequestsException"] = (ErrorIds.AwsThrottled, IrsaErrorKind.ServiceError),
        ["RequestLimitExceeded"] = (ErrorIds.AwsThrottled, IrsaErrorKind.ServiceError),

        // EC2's own codes.
        ["InvalidInstanceID.NotFound"] = (ErrorIds.AwsResourceNotFound, IrsaErrorKind.NotFound),
        ["InvalidInstanceID.Malformed"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["InvalidParameterCombination"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["FilterLimitExceeded"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["InvalidFilter"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["InvalidNextToken"] = (ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument),
        ["OptInRequired"] = (ErrorIds.AwsAccessDenied, IrsaErrorKind.PermissionDenied),
        ["Blocked"] = (ErrorIds.AwsAccessDenied, IrsaErrorKind.PermissionDenied),
    };

    /// <summary>The ErrorId and kind for an AWS error code; <c>AwsServiceError</c> / ServiceError for codes not listed.</summary>
    public static (string ErrorId, IrsaErrorKind Kind) Classify(string? awsErrorCode) =>
        awsErrorCode is not null && ByCode.TryGetValue(awsErrorCode, out var found)
            ? found
            : (ErrorIds.AwsServiceError, IrsaErrorKind.ServiceError);

    /// <summary>
    /// The exception to throw for <paramref name="failure"/>; null when it must propagate unchanged
    /// (IrsaException already, or cancellation the caller asked for).
    /// </summary>
    public static Exception? Translate(string service, string operation, string? target, Exception failure, bool cancellationRequested) =>
        Translate(service, operation, target, failure, cancellationRequested, null);

    /// <summary>
    /// As above, with what the call runner knows about the attempts (<paramref name="context"/>): messages then name the
    /// endpoint, the number of attempts and the time spent, and a call stopped by its time budget says so.
    /// </summary>
    public static Exception? Translate(string service, string operation, string? target, Exception failure, bool cancellationRequested, AwsCallContext? context)
    {
        if (failure is IrsaException || (failure is OperationCanceledException && cancellationRequested))
        {
            return null;
        }

        var what = target is null ? $"{service} {operation}" : $"{service} {operation} '{target}'";
        var where = context?.Endpoint ?? service;
        if (context?.ExhaustedBudget is { } budget && failure is OperationCanceledException or TimeoutException)
        {
            return OutOfTime(service, operation, target, what, where, budget, context, failure);
        }

        var tries = Tries(context);
        switch (failure)
        {
            case AmazonUnmarshallingException unreadable:
                return new AwsServiceException(
                    ErrorIds.AwsInvalidResponse, IrsaErrorKind.InvalidData,
                    $"{what}: the answer from {service} could not be read ({unreadable.Message}). If an EndpointUrl is set, check that it points at {service}.",
                    service, operation, target, null, StatusOf(unreadable), unreadable.RequestId, failure);

            case AmazonServiceException answered when answered.StatusCode != 0 || answered.ErrorCode is not null:
                {
                    var (errorId, kind) = Classify(answered.ErrorCode);
                    var status = StatusOf(answered);
                    var code = answered.ErrorCode is null
                        ? $"HTTP {status}"
                        : status is null ? answered.ErrorCode : $"{answered.ErrorCode} (HTTP {status})";
                    var message = $"{what} failed: {code}: {Sentence(answered.Message)}{Hint(kind, service)}"
                        + (string.IsNullOrEmpty(answered.RequestId) ? string.Empty : $" Request id: {answered.RequestId}.")
                        + (context is { Attempts: > 1 } ? $" ({where}, {tries})" : string.Empty);
                    return new AwsServiceException(errorId, kind, message, service, operation, target, answered.ErrorCode, status, answered.RequestId, failure);
                }

            case System.Text.Json.JsonException or System.Xml.XmlException or FormatException or OverflowException:
                return new AwsServiceException(
                    ErrorIds.AwsInvalidResponse, IrsaErrorKind.InvalidData,
                    $"{what}: the answer from {service} could not be read ({failure.Message}). If an EndpointUrl is set, check that it points at {service}.",
                    service, operation, target, innerException: failure);

            case OperationCanceledException or TimeoutException:
                return new AwsServiceException(
                    ErrorIds.AwsRequestTimeout, IrsaErrorKind.Timeout,
                    $"{what} timed out before {where} answered{(context is null ? string.Empty : $" ({tries})")}. Check the network path (proxy, firewall, EndpointUrl) and try again.",
                    service, operation, target, innerException: failure);
        }

        if (IsConnectionFailure(failure))
        {
            return new AwsServiceException(
                ErrorIds.AwsConnectionFailed, IrsaErrorKind.ConnectionFailed,
                $"{what} failed: {where} could not be reached ({Sentence(Innermost(failure).Message).TrimEnd('.')}{(context is null ? string.Empty : "; " + tries)}). Check the network, proxy and EndpointUrl.",
                service, operation, target, innerException: failure);
        }

        if (failure is AmazonClientException client && Mentions(client, "credential"))
        {
            return new AwsServiceException(
                ErrorIds.AwsCredentialsNotFound, IrsaErrorKind.AuthenticationFailed,
                $"{what} failed: the AWS credentials could not be obtained ({Sentence(client.Message)}) Check -ProfileName, -AccessKey/-SecretKey or the environment.",
                service, operation, target, innerException: failure);
        }

        return new AwsServiceException(
            ErrorIds.AwsServiceError, IrsaErrorKind.ServiceError,
            $"{what} failed: {Sentence(failure.Message)}",
            service, operation, target, innerException: failure);
    }

    /// <summary>
    /// The call's time budget ran out: while the endpoint kept failing with an error code (classified as that code,
    /// e.g. AwsThrottled), or while it did not answer at all (AwsRequestTimeout).
    /// </summary>
    private static AwsServiceException OutOfTime(
        string service, string operation, string? target, string what, string where, TimeSpan budget, AwsCallContext context, Exception failure)
    {
        var limit = Seconds(budget);
        if (context.LastErrorCode is { } code)
        {
            var (errorId, kind) = Classify(code);
            var status = context.LastStatusCode is { } s ? $" (HTTP {s})" : string.Empty;
            return new AwsServiceException(
                errorId, kind,
                $"{what} failed: {where} kept answering {code}{status} until the time limit of {limit} ({Tries(context)}). Wait a moment and run the command again, or allow more time with -TimeoutSec.",
                service, operation, target, code, context.LastStatusCode, innerException: failure);
        }

        return new AwsServiceException(
            ErrorIds.AwsRequestTimeout, IrsaErrorKind.Timeout,
            $"{what}: {where} did not answer within {limit} ({Tries(context)}). Check the network path (proxy, firewall, -EndpointUrl, AWS_ENDPOINT_URL) or allow more time with -TimeoutSec.",
            service, operation, target, innerException: failure);
    }

    private static string Tries(AwsCallContext? context) =>
        context is null
            ? string.Empty
            : string.Format(CultureInfo.InvariantCulture, "{0} attempt{1} in {2}", context.Attempts, context.Attempts == 1 ? string.Empty : "s", Seconds(context.Elapsed));

    private static string Seconds(TimeSpan time) =>
        time.TotalSeconds >= 10
            ? string.Format(CultureInfo.InvariantCulture, "{0:0} s", time.TotalSeconds)
            : string.Format(CultureInfo.InvariantCulture, "{0:0.0} s", time.TotalSeconds);

    private static int? StatusOf(AmazonServiceException ex) => ex.StatusCode == 0 ? null : (int)ex.StatusCode;

    private static string Hint(IrsaErrorKind kind, string service) => kind switch
    {
        IrsaErrorKind.PermissionDenied => $" The caller's identity is not allowed to do this; grant it the {service} permission named above.",
        IrsaErrorKind.AuthenticationFailed => " Check the credentials (-ProfileName, -AccessKey/-SecretKey/-SessionToken or the environment), that they have not expired, and the system clock.",
        _ => string.Empty,
    };

    private static string Sentence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "no details were given.";
        }

        var trimmed = text!.Trim();
        return trimmed.EndsWith(".", StringComparison.Ordinal) ? trimmed : trimmed + ".";
    }

    private static bool IsConnectionFailure(Exception failure)
    {
        for (Exception? ex = failure; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpRequestException or SocketException or IOException or System.Net.WebException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Mentions(Exception failure, string word)
    {
        for (Exception? ex = failure; ex is not null; ex = ex.InnerException)
        {
            if (ex.Message.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
