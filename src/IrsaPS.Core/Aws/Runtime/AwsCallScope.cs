using System;
using System.Diagnostics;
using System.Threading;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// The logical call in progress on this async flow, so the handlers deep in the SDK pipeline (attempt observer, retry
/// policy) know the call that started them: its deadline, how many attempts it made, which endpoint answered (or did
/// not) and how the last attempt failed. Flows with the ExecutionContext into the SDK's awaits.
/// </summary>
internal sealed class AwsCallScope
{
    private static readonly AsyncLocal<AwsCallScope?> CurrentScope = new();
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private int _attempts;
    private int? _lastStatus;
    private string? _lastErrorCode;
    private string? _lastFailure;
    private string? _endpoint;

    private AwsCallScope(TimeSpan? timeout, string? service, string? operation, IAwsCallObserver? observer)
    {
        Timeout = timeout;
        Service = service;
        Operation = operation;
        Observer = observer;
    }

    /// <summary>The service and operation of the logical call (<c>IAM</c>, <c>GetRole</c>), when the runner set them.</summary>
    public string? Service { get; }

    public string? Operation { get; }

    /// <summary>Who hears about the call; told about retries when it is an <see cref="IAwsRetryObserver"/>.</summary>
    public IAwsCallObserver? Observer { get; }

    /// <summary>True once a retry of this call was announced.</summary>
    public bool Retried { get; private set; }

    public static AwsCallScope? Current => CurrentScope.Value;

    /// <summary>The time this call may take in all; null when unbounded.</summary>
    public TimeSpan? Timeout { get; }

    public TimeSpan Elapsed => _elapsed.Elapsed;

    /// <summary>What is left of <see cref="Timeout"/> (never negative); null when unbounded.</summary>
    public TimeSpan? Remaining => Timeout is { } timeout ? (timeout > Elapsed ? timeout - Elapsed : TimeSpan.Zero) : null;

    public int Attempts => Volatile.Read(ref _attempts);

    public int? LastStatusCode => _lastStatus;

    /// <summary>The AWS error code of the last attempt that got an answer (e.g. <c>Throttling</c>); null after a success.</summary>
    public string? LastErrorCode => Volatile.Read(ref _lastErrorCode);

    /// <summary>The exception type of the last attempt that got no answer (e.g. <c>SocketException</c>).</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>The scheme, host and port the last attempt was sent to (never a path, query or credential).</summary>
    public string? Endpoint => Volatile.Read(ref _endpoint);

    /// <summary>Starts a scope on the current flow and returns it; <see cref="End"/> restores the previous one.</summary>
    public static AwsCallScope Begin(
        out AwsCallScope? previous, TimeSpan? timeout = null, string? service = null, string? operation = null, IAwsCallObserver? observer = null)
    {
        previous = CurrentScope.Value;
        var scope = new AwsCallScope(timeout, service, operation, observer);
        CurrentScope.Value = scope;
        return scope;
    }

    public static void End(AwsCallScope? previous) => CurrentScope.Value = previous;

    /// <summary>Tells the observer (if it listens for retries) that attempt <paramref name="nextAttempt"/> starts after <paramref name="delay"/>.</summary>
    public void AnnounceRetry(int nextAttempt, int maxAttempts, TimeSpan delay)
    {
        Retried = true;
        if (Observer is IAwsRetryObserver listener && Service is not null && Operation is not null)
        {
            var lastError = LastErrorCode ?? LastFailure ?? (LastStatusCode is { } status ? "HTTP " + status.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            listener.OnRetrying(new AwsRetry(Service, Operation, nextAttempt, maxAttempts, delay, lastError, Endpoint, Elapsed, Timeout));
        }
    }

    public int RecordAttempt(int? statusCode) => RecordAttempt(statusCode, null, null, null);

    public int RecordAttempt(int? statusCode, string? errorCode, string? failure, string? endpoint)
    {
        // An attempt cut off without an answer (the budget ran out mid-request) keeps the last answer's status and code.
        if (statusCode is not null)
        {
            _lastStatus = statusCode;
            Volatile.Write(ref _lastErrorCode, errorCode);
        }

        Volatile.Write(ref _lastFailure, failure);
        if (endpoint is not null)
        {
            Volatile.Write(ref _endpoint, endpoint);
        }

        return Interlocked.Increment(ref _attempts);
    }
}
