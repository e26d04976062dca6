using System;
using System.Collections.Generic;
using IrsaPS.Bench.Eksctl;
using Xunit;

namespace IrsaPS.Bench.Tests.Eksctl;

/// <summary>smithy-go's waiter.ComputeDelay with the StackCreateComplete waiter's 30 s / 120 s, as the replay ports it.</summary>
public sealed class ComputeDelayTests
{
    private static readonly TimeSpan Min = StackCreateCompleteWaiter.MinDelay;
    private static readonly TimeSpan Max = StackCreateCompleteWaiter.MaxDelay;
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(25);

    [Fact]
    public void BeforeTheFirstAttempt_ThereIsNoDelay() =>
        Assert.Equal(TimeSpan.Zero, StackCreateCompleteWaiter.ComputeDelay(0, Min, Max, Long, NoJitter));

    [Fact]
    public void AfterTheFirstAttempt_TheDelayIsExactlyThirtySecondsWithoutJitter()
    {
        var asked = new List<TimeSpan>();

        var delay = StackCreateCompleteWaiter.ComputeDelay(1, Min, Max, Long, range => Record(asked, range, TimeSpan.FromSeconds(7)));

        Assert.Equal(TimeSpan.FromSeconds(30), delay);
        Assert.Empty(asked);
    }

    [Fact]
    public void AfterTheSecondAttempt_TheDelayIsJitteredBetweenThirtyAndSixtySeconds()
    {
        var asked = new List<TimeSpan>();

        var low = StackCreateCompleteWaiter.ComputeDelay(2, Min, Max, Long, range => Record(asked, range, TimeSpan.Zero));
        var high = StackCreateCompleteWaiter.ComputeDelay(2, Min, Max, Long, range => Record(asked, range, range - TimeSpan.FromTicks(1)));

        Assert.Equal(TimeSpan.FromSeconds(30), low);
        Assert.Equal(TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1), high);
        Assert.All(asked, range => Assert.Equal(TimeSpan.FromSeconds(30), range));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(40)]
    public void FromTheThirdAttempt_TheDelayIsJitteredUpToTheMaximum(long attempt)
    {
        var asked = new List<TimeSpan>();

        var delay = StackCreateCompleteWaiter.ComputeDelay(attempt, Min, Max, Long, range => Record(asked, range, range - TimeSpan.FromTicks(1)));

        Assert.Equal(TimeSpan.FromSeconds(90), Assert.Single(asked));
        Assert.Equal(TimeSpan.FromSeconds(120) - TimeSpan.FromTicks(1), delay);
    }

    [Fact]
    public void NearTheEndOfTheWait_TheDelayLeavesTheMinimumForALastAttempt() =>
        Assert.Equal(TimeSpan.FromSeconds(20), StackCreateCompleteWaiter.ComputeDelay(1, Min, Max, TimeSpan.FromSeconds(50), NoJitter));

    [Fact]
    public void AMinimumAboveTheMaximum_IsRejected() =>
        Assert.Throws<ArgumentException>(() => StackCreateCompleteWaiter.ComputeDelay(1, Max, Min, Long, NoJitter));

    private static TimeSpan NoJitter(TimeSpan range) => throw new InvalidOperationException("no jitter expected");

    private static TimeSpan Record(List<TimeSpan> asked, TimeSpan range, TimeSpan answer)
    {
        asked.Add(range);
        return answer;
    }
}
