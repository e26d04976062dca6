using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Runtime;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>The client-side pacing of LookupEvents, on a virtual clock: exact spacing, no early start, push-back.</summary>
public sealed class RequestRateLimiterTests
{
    [Fact]
    public async Task TwoPerSecond_GivesEveryRequestItsOwnSlot_HalfASecondApart()
    {
        var clock = new VirtualClock();
        var limiter = new RequestRateLimiter(2.0, clock.Now, clock.DelayAsync);
        var starts = new List<TimeSpan>();

        for (var i = 0; i < 5; i++)
        {
            await limiter.WaitAsync(CancellationToken.None);
            starts.Add(clock.Now());
        }

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(2000)],
            starts);
    }

    [Fact]
    public async Task ATimerThatFiresEarly_DoesNotLetARequestStartBeforeItsSlot()
    {
        var clock = new VirtualClock { Early = TimeSpan.FromMilliseconds(3) };
        var limiter = new RequestRateLimiter(2.0, clock.Now, clock.DelayAsync);

        await limiter.WaitAsync(CancellationToken.None);
        await limiter.WaitAsync(CancellationToken.None);

        Assert.True(clock.Now() >= TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task ARequestReleasedLate_PushesTheNextOneBack_SoNoTwoAreCloserThanTheInterval()
    {
        // A loaded machine: every timer fires 200 ms late. Slots promised in advance (0, 500, 1000) would let the third
        // request follow the second by 300 ms; counting from each actual release keeps every gap at 500 ms or more.
        var clock = new VirtualClock { Late = TimeSpan.FromMilliseconds(200) };
        var limiter = new RequestRateLimiter(2.0, clock.Now, clock.DelayAsync);
        var starts = new List<TimeSpan>();

        for (var i = 0; i < 4; i++)
        {
            await limiter.WaitAsync(CancellationToken.None);
            starts.Add(clock.Now());
        }

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromMilliseconds(700), TimeSpan.FromMilliseconds(1400), TimeSpan.FromMilliseconds(2100)],
            starts);
    }

    [Fact]
    public async Task PushBack_DelaysEveryLaterRequest_AndSlowRequestsAreNotDelayed()
    {
        var clock = new VirtualClock();
        var limiter = new RequestRateLimiter(2.0, clock.Now, clock.DelayAsync);
        await limiter.WaitAsync(CancellationToken.None);

        limiter.PushBack(TimeSpan.FromSeconds(3));
        await limiter.WaitAsync(CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(3), clock.Now());

        clock.Advance(TimeSpan.FromSeconds(10));
        await limiter.WaitAsync(CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(13), clock.Now());
    }

    [Fact]
    public async Task NoRate_NeverWaits_AndCancellationStopsAWait()
    {
        var clock = new VirtualClock();
        var unlimited = new RequestRateLimiter(0, clock.Now, clock.DelayAsync);
        for (var i = 0; i < 100; i++)
        {
            await unlimited.WaitAsync(CancellationToken.None);
        }

        Assert.Equal(TimeSpan.Zero, clock.Now());

        var limiter = new RequestRateLimiter(2.0);
        await limiter.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.WaitAsync(cancel.Token));
    }

    private sealed class VirtualClock
    {
        private TimeSpan _now;

        /// <summary>How much earlier than asked each delay returns (a coarse timer).</summary>
        public TimeSpan Early { get; init; }

        /// <summary>How much later than asked each delay returns (a loaded machine).</summary>
        public TimeSpan Late { get; init; }

        public TimeSpan Now() => _now;

        public void Advance(TimeSpan by) => _now += by;

        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _now += (delay > Early ? delay - Early : TimeSpan.FromTicks(1)) + Late;
            return Task.CompletedTask;
        }
    }
}
