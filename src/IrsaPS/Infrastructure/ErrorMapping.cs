using System;
using System.Collections.Generic;
using System.Management.Automation;
using IrsaPS.Core.Errors;

namespace IrsaPS.Infrastructure;

/// <summary>Turns exceptions into ErrorRecords with the core's stable ErrorId and a real category.</summary>
internal static class ErrorMapping
{
    /// <summary>
    /// Failures that every further pipeline item would hit the same way (connection settings, credentials, a host that
    /// cannot confirm, an AWS endpoint that stayed unreachable or silent for a call's whole time budget): reported once as
    /// a terminating error instead of once per item, so a pipeline of 50 items does not wait 50 budgets.
    /// </summary>
    private static readonly HashSet<string> SessionWide = new(StringComparer.Ordinal)
    {
        ErrorIds.AwsConnectionFailed,
        ErrorIds.AwsRequestTimeout,
        ErrorIds.AwsRegionNotSpecified,
        ErrorIds.AwsInvalidRegion,
        ErrorIds.AwsCredentialsNotFound,
        ErrorIds.AwsProfileNotFound,
        ErrorIds.AwsInvalidEndpointUrl,
        ErrorIds.InvalidCredential,
        ErrorIds.KubeConfigNotFound,
        ErrorIds.KubeConfigInvalid,
        ErrorIds.KubeContextNotFound,
        ErrorIds.KubeNoCurrentContext,
        ErrorIds.PodIdentityAgentMissing,
    };

    public static ErrorCategory Category(IrsaErrorKind kind) => kind switch
    {
        IrsaErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        IrsaErrorKind.InvalidData => ErrorCategory.InvalidData,
        IrsaErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        IrsaErrorKind.AlreadyExists => ErrorCategory.ResourceExists,
        IrsaErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        IrsaErrorKind.AuthenticationFailed => ErrorCategory.AuthenticationError,
        IrsaErrorKind.Conflict => ErrorCategory.ResourceBusy,
        IrsaErrorKind.LimitExceeded => ErrorCategory.LimitsExceeded,
        IrsaErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
        IrsaErrorKind.Timeout => ErrorCategory.OperationTimeout,
        IrsaErrorKind.NotSupported => ErrorCategory.NotImplemented,
        _ => ErrorCategory.NotSpecified,
    };

    /// <summary>True when the failure is not about this item but about the whole invocation (see <see cref="SessionWide"/>).</summary>
    public static bool IsSessionWide(Exception exception) => Unwrap(exception) switch
    {
        IrsaException irsa => SessionWide.Contains(irsa.ErrorId),
        ConfirmationUnavailableException => true,
        _ => false,
    };

    public static ErrorRecord ToErrorRecord(Exception exception, object? target)
    {
        exception = Unwrap(exception);
        return exception switch
        {
            IrsaException irsa => new ErrorRecord(irsa, irsa.ErrorId, Category(irsa.Kind), irsa.Target ?? target),
            ConfirmationUnavailableException confirm => new ErrorRecord(confirm, ErrorIds.MissingConfirmation, ErrorCategory.InvalidOperation, confirm.Target),
            PipelineStoppedException stopped => new ErrorRecord(stopped, ErrorIds.OperationStopped, ErrorCategory.OperationStopped, target),
            OperationCanceledException canceled => new ErrorRecord(canceled, ErrorIds.OperationStopped, ErrorCategory.OperationStopped, target),
            TimeoutException timeout => new ErrorRecord(timeout, ErrorIds.OperationTimedOut, ErrorCategory.OperationTimeout, target),
            _ => new ErrorRecord(exception, ErrorIds.UnexpectedError, ErrorCategory.NotSpecified, target),
        };
    }

    private static Exception Unwrap(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return exception;
    }
}
