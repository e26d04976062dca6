using System;
using System.Diagnostics;

namespace IrsaPS.Emulators.CloudTrail;

/// <summary>
/// A token bucket: <see cref="RatePerSecond"/> tokens a second, at most <c>max(1, ceil(rate))</c> kept, so a client that
/// keeps to the rate is never refused even when network jitter bunches two requests, and one that exceeds it is.
/// A rate of 0 or less admits everything. Thread-safe.
/// </summary>
public sealed class TokenBucket
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _tokens;
    private TimeSpan _last;

    public TokenBucket(double ratePerSecond)
    {
        RatePerSecond = ratePerSecond;
        Capacity = Math.Max(1, Math.Ceiling(ratePerSecond));
        _tokens = Capacity;
    }

    public double RatePerSecond { get; }

    public double Capacity { get; }

    /// <summary>Takes a token; false when none is left (the request is throttled).</summary>
    public bool TryTake()
    {
        if (RatePerSecond <= 0)
        {
            return true;
        }

        lock (_gate)
        {
            var now = _clock.Elapsed;
            _tokens = Math.Min(Capacity, _tokens + ((now - _last).TotalSeconds * RatePerSecond));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
