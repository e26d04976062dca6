using System;
using System.Management.Automation;
using IrsaPS.Core.Errors;

namespace IrsaPS.Infrastructure;

/// <summary>Turns exceptions into ErrorRecords with the core's stable ErrorId and a real category.</summary>
internal static class ErrorMapping
{
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

    public static ErrorRecord ToErrorRecord(Exception exception, object? target)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return exception switch
        {
            IrsaException irsa => new ErrorRecord(irsa, irsa.ErrorId, Category(irsa.Kind), irsa.Target ?? target),
            PipelineStoppedException stopped => new ErrorRecord(stopped, ModuleErrorIds.OperationStopped, ErrorCategory.OperationStopped, target),
            OperationCanceledException canceled => new ErrorRecord(canceled, ModuleErrorIds.OperationStopped, ErrorCategory.OperationStopped, target),
            TimeoutException timeout => new ErrorRecord(timeout, ModuleErrorIds.OperationTimedOut, ErrorCategory.OperationTimeout, target),
            _ => new ErrorRecord(exception, ModuleErrorIds.UnexpectedError, ErrorCategory.NotSpecified, target),
        };
    }
}
