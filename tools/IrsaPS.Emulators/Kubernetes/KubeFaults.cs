using System;
using System.Collections.Generic;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>What a fault does to a request.</summary>
public enum KubeFaultKind
{
    /// <summary>429 Too Many Requests with a Retry-After header.</summary>
    TooManyRequests,

    /// <summary>A 5xx Status answer.</summary>
    ServerError,

    /// <summary>The connection is aborted without an answer.</summary>
    DropConnection,

    /// <summary>The answer comes only after <see cref="KubeFault.DelayMilliseconds"/> (for timeout tests).</summary>
    Slow,

    /// <summary>403 Forbidden, as RBAC answers a request the identity may not make (for "permission missing" paths).</summary>
    Forbidden,
}

/// <summary>A fault to inject into the next <see cref="Times"/> requests whose path contains <see cref="PathContains"/> (and method matches).</summary>
public sealed record KubeFault(KubeFaultKind Kind, int Times = 1, int RetryAfterSeconds = 1, int StatusCode = 500, string? PathContains = null, string? Method = null, int DelayMilliseconds = 0)
{
    public static KubeFault SlowAnswer(int times, TimeSpan delay, string? pathContains = null) =>
        new(KubeFaultKind.Slow, times, PathContains: pathContains, DelayMilliseconds: (int)delay.TotalMilliseconds);

    public static KubeFault TooManyRequests(int times, int retryAfterSeconds = 1, string? pathContains = null) =>
        new(KubeFaultKind.TooManyRequests, times, retryAfterSeconds, 429, pathContains);

    public static KubeFault ServerError(int times, int statusCode = 500, string? pathContains = null) =>
        new(KubeFaultKind.ServerError, times, StatusCode: statusCode, PathContains: pathContains);

    public static KubeFault Forbidden(int times, string? pathContains = null, string? method = null) =>
        new(KubeFaultKind.Forbidden, times, StatusCode: 403, PathContains: pathContains, Method: method);

    public static KubeFault DropConnection(int times, string? pathContains = null) =>
        new(KubeFaultKind.DropConnection, times, PathContains: pathContains);
}

/// <summary>Injected faults for retry tests: each request consumes the first matching fault that has uses left.</summary>
public sealed class KubeFaults
{
    private readonly List<(KubeFault Fault, int Left)> _faults = [];
    private readonly object _gate = new();

    public void Add(KubeFault fault)
    {
        lock (_gate)
        {
            _faults.Add((fault, fault.Times));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>The fault this request gets, if any (and counts it used).</summary>
    public KubeFault? Take(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, left) = _faults[i];
                if (left <= 0
                    || (fault.PathContains is not null && !path.Contains(fault.PathContains, StringComparison.Ordinal))
                    || (fault.Method is not null && !string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                _faults[i] = (fault, left - 1);
                return fault;
            }

            return null;
        }
    }
}
