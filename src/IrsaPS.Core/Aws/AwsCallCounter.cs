using System;
using System.Collections.Generic;
using System.Threading;

namespace IrsaPS.Core.Aws;

/// <summary>
/// An observer that counts logical calls and HTTP attempts per operation (<c>"IAM ListRoles"</c>), and forwards
/// every event to an optional inner observer. Benchmarks use it to prove "exactly ceil(n / page size) list calls";
/// tests use it to prove that bad input sent nothing. Thread-safe.
/// </summary>
internal sealed class AwsCallCounter : IAwsCallObserver, IAwsRetryObserver
{
    private readonly IAwsCallObserver? _inner;
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly List<AwsAttempt> _attemptLog = [];
    private readonly List<AwsRetry> _retryLog = [];
    private int _totalCalls;
    private int _totalAttempts;

    public AwsCallCounter(IAwsCallObserver? inner = null) => _inner = inner;

    /// <summary>Logical calls started, all operations together.</summary>
    public int TotalCalls => Volatile.Read(ref _totalCalls);

    /// <summary>HTTP attempts made, all operations together (retries included).</summary>
    public int TotalAttempts => Volatile.Read(ref _totalAttempts);

    /// <summary>Logical calls of one operation, e.g. <c>Calls("IAM", "ListRoles")</c>.</summary>
    public int Calls(string service, string operation)
    {
        lock (_gate)
        {
            return _calls.TryGetValue(Key(service, operation), out var n) ? n : 0;
        }
    }

    /// <summary>HTTP attempts of one operation (first tries and retries).</summary>
    public int Attempts(string service, string operation)
    {
        lock (_gate)
        {
            return _attempts.TryGetValue(Key(service, operation), out var n) ? n : 0;
        }
    }

    /// <summary>A copy of the calls per operation, keyed <c>"IAM ListRoles"</c>.</summary>
    public IReadOnlyDictionary<string, int> CallsByOperation()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_calls, StringComparer.Ordinal);
        }
    }

    /// <summary>Every attempt seen so far, in the order they finished.</summary>
    public IReadOnlyList<AwsAttempt> AttemptLog()
    {
        lock (_gate)
        {
            return _attemptLog.ToArray();
        }
    }

    /// <summary>Forgets everything counted so far.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _calls.Clear();
            _attempts.Clear();
            _attemptLog.Clear();
            _retryLog.Clear();
            _totalCalls = 0;
            _totalAttempts = 0;
        }
    }

    public void OnCallStarting(AwsCallStart call)
    {
        lock (_gate)
        {
            Increment(_calls, Key(call.Service, call.Operation));
            _totalCalls++;
        }

        _inner?.OnCallStarting(call);
    }

    public void OnAttempt(AwsAttempt attempt)
    {
        lock (_gate)
        {
            Increment(_attempts, Key(attempt.Service, attempt.Operation));
            _attemptLog.Add(attempt);
            _totalAttempts++;
        }

        _inner?.OnAttempt(attempt);
    }

    public void OnCallCompleted(AwsCallResult call) => _inner?.OnCallCompleted(call);

    /// <summary>Every retry announced so far (attempt, delay, last error), in order.</summary>
    public IReadOnlyList<AwsRetry> RetryLog()
    {
        lock (_gate)
        {
            return _retryLog.ToArray();
        }
    }

    public void OnRetrying(AwsRetry retry)
    {
        lock (_gate)
        {
            _retryLog.Add(retry);
        }

        (_inner as IAwsRetryObserver)?.OnRetrying(retry);
    }

    private static string Key(string service, string operation) => service + " " + operation;

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
