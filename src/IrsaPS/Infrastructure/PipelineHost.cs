using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Infrastructure;

/// <summary>
/// The cmdlet side of <see cref="IOperationHost"/>. Core operations run on thread-pool threads, but PowerShell's
/// WriteVerbose/WriteWarning/WriteProgress/ShouldProcess may only be called on the pipeline thread. Calls from other
/// threads are queued and executed by <see cref="Pump{T}"/> on the pipeline thread (a ShouldProcess caller waits for
/// its answer); calls that already happen on the pipeline thread run at once.
/// </summary>
internal sealed class PipelineHost : IOperationHost
{
    private readonly IrsaCmdlet _cmdlet;
    private readonly int _pipelineThread;
    private volatile BlockingCollection<Action>? _queue;
    private CancellationToken _pumpEnded;

    public PipelineHost(IrsaCmdlet cmdlet)
    {
        _cmdlet = cmdlet;
        _pipelineThread = Environment.CurrentManagedThreadId;
    }

    public void WriteVerbose(string message) => Dispatch(() => _cmdlet.WriteVerbose(message));

    public void WriteWarning(string message) => Dispatch(() => _cmdlet.WriteWarning(message));

    public void WriteProgress(OperationProgress progress) => Dispatch(() => _cmdlet.WriteOperationProgress(progress));

    public bool ShouldProcess(string target, string action, string? detail, bool highImpact)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThread)
        {
            return _cmdlet.ConfirmWrite(target, action, detail, highImpact);
        }

        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = _queue ?? throw new InvalidOperationException("ShouldProcess was called outside a running operation.");

        // If the pump stops before it gets to this question (Ctrl+C while another host call was running), the caller
        // must not wait forever on a thread-pool thread: it is cancelled instead.
        using var registration = _pumpEnded.Register(() => answer.TrySetCanceled());
        queue.Add(() =>
        {
            try
            {
                answer.TrySetResult(_cmdlet.ConfirmWrite(target, action, detail, highImpact));
            }
            catch (Exception ex)
            {
                answer.TrySetException(ex);
            }
        });
        return answer.Task.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="operation"/> and executes queued host calls on this (the pipeline) thread until it ends.</summary>
    public T Pump<T>(Func<IOperationHost, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        using var queue = new BlockingCollection<Action>();
        using var ended = new CancellationTokenSource();
        _pumpEnded = ended.Token;
        _queue = queue;
        try
        {
            var task = Task.Run(() => operation(this, cancellationToken), cancellationToken);
            _ = task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            foreach (var action in queue.GetConsumingEnumerable(CancellationToken.None))
            {
                action();
            }

            return task.GetAwaiter().GetResult();
        }
        finally
        {
            _queue = null;
            ended.Cancel(); // Releases a ShouldProcess whose question was never asked (the loop above ended early).
        }
    }

    private void Dispatch(Action action)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThread)
        {
            action();
        }
        else
        {
            Enqueue(action);
        }
    }

    private void Enqueue(Action action)
    {
        try
        {
            (_queue ?? throw new InvalidOperationException("No operation is running.")).Add(action);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The operation already finished (a late progress report from a background continuation): drop it.
        }
    }
}
