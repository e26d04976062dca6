using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Runs one logical call of a public client method: tells the observer it starts and how it ended (with the
/// number of HTTP attempts the SDK made), holds the call to its time budget (attempts, backoff and all: an endpoint
/// that never answers costs the budget, not attempts × the SDK's 100 s), and translates failures into
/// <see cref="AwsServiceException"/>s that name the endpoint, the attempts and the time spent.
/// </summary>
internal sealed class AwsCallRunner
{
    private readonly string _service;
    private readonly IAwsCallObserver _observer;
    private readonly TimeSpan? _callTimeout;

    public AwsCallRunner(string service, IAwsCallObserver observer, TimeSpan? callTimeout = null)
    {
        _service = service;
        _observer = observer;
        _callTimeout = callTimeout;
    }

    public IAwsCallObserver Observer => _observer;

    public async Task<T> RunAsync<T>(string operation, string? target, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        _observer.OnCallStarting(new AwsCallStart(_service, operation, target));
        var started = Stopwatch.StartNew();
        var scope = AwsCallScope.Begin(out var previous, _callTimeout, _service, operation, _observer);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_callTimeout is { } timeout)
        {
            budget.CancelAfter(timeout);
        }

        try
        {
            var result = await call(budget.Token).ConfigureAwait(false);
            _observer.OnCallCompleted(new AwsCallResult(_service, operation, target, scope.Attempts, true, scope.LastStatusCode, null, started.Elapsed) { Endpoint = scope.Endpoint, Retried = scope.Retried });
            return result;
        }
        catch (Exception ex)
        {
            var outOfTime = budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            var context = new AwsCallContext(scope.Endpoint, scope.Attempts, started.Elapsed, outOfTime ? _callTimeout : null, scope.LastErrorCode, scope.LastStatusCode);
            var translated = AwsErrorTranslator.Translate(_service, operation, target, ex, cancellationToken.IsCancellationRequested, context);
            var awsError = translated as AwsServiceException ?? ex as AwsServiceException;
            _observer.OnCallCompleted(new AwsCallResult(
                _service, operation, target, scope.Attempts, false, awsError?.HttpStatusCode ?? scope.LastStatusCode, awsError?.AwsErrorCode, started.Elapsed)
            { Endpoint = scope.Endpoint, Retried = scope.Retried });
            if (translated is null)
            {
                throw;
            }

            throw translated;
        }
        finally
        {
            AwsCallScope.End(previous);
        }
    }
}

/// <summary>
/// What the translator needs to say where and how long a failed call tried: the endpoint, the attempts, the time, and
/// when the budget ran out, the budget and how the last attempt failed.
/// </summary>
internal sealed record AwsCallContext(string? Endpoint, int Attempts, TimeSpan Elapsed, TimeSpan? ExhaustedBudget, string? LastErrorCode, int? LastStatusCode);
