using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Paces requests to at most <see cref="RequestsPerSecond"/>: a request is released no sooner than
/// <see cref="Interval"/> after the previous release (no bursts), on a monotonic clock. The next release is counted
/// from when a request actually left the wait, not from the slot it was promised, so a timer that fires late or a
/// thread that runs late (a loaded machine) never lets the next request follow closer than the interval. A throttling
/// answer pushes every later release back (<see cref="PushBack"/>). Thread-safe; a rate of 0 or less means no limit.
/// The waiting never ends early: after a timer fires, the clock is read again.
/// </summary>
internal sealed class RequestRateLimiter
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private readonly Func<TimeSpan> _now;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private TimeSpan _next;

    public RequestRateLimiter(double requestsPerSecond, Func<TimeSpan>? now = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        RequestsPerSecond = requestsPerSecond;
        Interval = requestsPerSecond > 0 ? TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / requestsPerSecond)) : TimeSpan.Zero;
        _now = now ?? (() => Clock.Elapsed);
        _delay = delay ?? Task.Delay;
        _next = TimeSpan.MinValue;
    }

    public double RequestsPerSecond { get; }

    /// <summary>The least time between two requests.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Waits until this request may be sent, and claims the interval after it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan wait;
            lock (_gate)
            {
                var now = _now();
                if (_next <= now)
                {
                    _next = now + Interval;
                    return;
                }

                wait = _next - now;
            }

            await _delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No request starts before <paramref name="delay"/> from now (after a throttling answer).</summary>
    public void PushBack(TimeSpan delay)
    {
        lock (_gate)
        {
            var earliest = _now() + delay;
            if (_next < earliest)
            {
                _next = earliest;
            }
        }
    }
}
