using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Sits just inside the SDK's RetryHandler, so it runs once per HTTP attempt, and reports each attempt (status,
/// error code, elapsed) to the connection's observer. Reports only codes and exception type names: never headers,
/// bodies, signatures or credentials.
/// </summary>
internal sealed class AttemptObserverHandler : PipelineHandler
{
    private readonly string _service;
    private readonly IAwsCallObserver _observer;

    public AttemptObserverHandler(string service, IAwsCallObserver observer)
    {
        _service = service;
        _observer = observer;
    }

    public override void InvokeSync(IExecutionContext executionContext)
    {
        var started = Stopwatch.StartNew();
        try
        {
            base.InvokeSync(executionContext);
            Report(executionContext, started, null);
        }
        catch (Exception ex)
        {
            Report(executionContext, started, ex);
            throw;
        }
    }

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var started = Stopwatch.StartNew();
        try
        {
            var result = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            Report(executionContext, started, null);
            return result;
        }
        catch (Exception ex)
        {
            Report(executionContext, started, ex);
            throw;
        }
    }

    /// <summary>"CreateRoleRequest" → "CreateRole".</summary>
    internal static string OperationName(IRequestContext requestContext)
    {
        if (requestContext.OriginalRequest is IServiceOperation carrier)
        {
            return carrier.Operation;
        }

        var name = requestContext.OriginalRequest?.GetType().Name ?? requestContext.RequestName ?? "Unknown";
        return name.EndsWith("Request", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Request".Length) : name;
    }

    private void Report(IExecutionContext executionContext, Stopwatch started, Exception? failure)
    {
        var requestContext = executionContext.RequestContext;
        int? status = null;
        string? errorCode = null;
        string? failureName = null;
        if (failure is null)
        {
            status = (int?)executionContext.ResponseContext?.HttpResponse?.StatusCode;
        }
        else if (failure is AmazonServiceException service && service.StatusCode != 0)
        {
            status = (int)service.StatusCode;
            errorCode = service.ErrorCode;
        }
        else
        {
            failureName = Innermost(failure).GetType().Name;
        }

        var endpoint = EndpointOf(requestContext);
        var scope = AwsCallScope.Current;
        var attempt = scope?.RecordAttempt(status, errorCode, failureName, endpoint) ?? requestContext.Retries + 1;
        _observer.OnAttempt(new AwsAttempt(_service, OperationName(requestContext), attempt, status, errorCode, failureName, started.Elapsed)
        {
            Endpoint = endpoint,
            MaxAttempts = requestContext.ClientConfig is { } config ? config.MaxErrorRetry + 1 : null,
            CallTimeout = scope?.Timeout,
            CallElapsed = scope?.Elapsed,
        });
    }

    /// <summary><c>https://iam.amazonaws.com</c>: scheme, host and port only (no path, query or signature).</summary>
    internal static string? EndpointOf(IRequestContext requestContext)
    {
        try
        {
            return requestContext.Request?.Endpoint is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
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
