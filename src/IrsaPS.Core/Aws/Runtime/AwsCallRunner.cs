using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Runs one logical call of a public client method: tells the observer it starts and how it ended (with the
/// number of HTTP attempts the SDK made), and translates failures into <see cref="AwsServiceException"/>.
/// </summary>
internal sealed class AwsCallRunner
{
    private readonly string _service;
    private readonly IAwsCallObserver _observer;

    public AwsCallRunner(string service, IAwsCallObserver observer)
    {
        _service = service;
        _observer = observer;
    }

    public IAwsCallObserver Observer => _observer;

    public async Task<T> RunAsync<T>(string operation, string? target, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        _observer.OnCallStarting(new AwsCallStart(_service, operation, target));
        var started = Stopwatch.StartNew();
        var scope = AwsCallScope.Begin(out var previous);
        try
        {
            var result = await call(cancellationToken).ConfigureAwait(false);
            _observer.OnCallCompleted(new AwsCallResult(_service, operation, target, scope.Attempts, true, scope.LastStatusCode, null, started.Elapsed));
            return result;
        }
        catch (Exception ex)
        {
            var translated = AwsErrorTranslator.Translate(_service, operation, target, ex, cancellationToken.IsCancellationRequested);
            var awsError = translated as AwsServiceException ?? ex as AwsServiceException;
            _observer.OnCallCompleted(new AwsCallResult(
                _service, operation, target, scope.Attempts, false, awsError?.HttpStatusCode ?? scope.LastStatusCode, awsError?.AwsErrorCode, started.Elapsed));
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
