using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Bench.CloudFormation;

namespace IrsaPS.Bench.Eksctl;

/// <summary>
/// How the replayed CloudFormation waiter spends time, and what CloudFormation's provisioning time is taken to be.
/// moto creates a stack's resources inside CreateStack and answers CREATE_COMPLETE at once; real CloudFormation returns
/// from CreateStack with the stack CREATE_IN_PROGRESS and provisions the role afterwards. <see cref="Provisioning"/>
/// models that: a DescribeStacks poll made less than <see cref="Provisioning"/> after CreateStack returned is read as
/// CREATE_IN_PROGRESS whatever moto said (the call is still made and counted).
/// </summary>
internal sealed class WaiterTiming
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<TimeSpan> _now;
    private readonly Random _random;

    public WaiterTiming(TimeSpan provisioning, bool sleeps, Func<TimeSpan, CancellationToken, Task>? delay = null, Func<TimeSpan>? now = null, Random? random = null)
    {
        Provisioning = provisioning;
        Sleeps = sleeps;
        var clock = Stopwatch.StartNew();
        _now = now ?? (() => clock.Elapsed);
        _delay = delay ?? ((span, token) => Task.Delay(span, token));
        _random = random ?? new Random();
    }

    /// <summary>The modelled CloudFormation provisioning time of one stack (zero: believe moto).</summary>
    public TimeSpan Provisioning { get; }

    /// <summary>Whether the waiter's computed delays are really waited (false: computed, recorded, skipped).</summary>
    public bool Sleeps { get; }

    /// <summary>
    /// What a user waits: eksctl's real delays (aws-sdk-go-v2 StackCreateComplete waiter: 30 s minimum, 120 s maximum),
    /// really slept, with the stack still provisioning for <paramref name="provisioning"/> after CreateStack.
    /// </summary>
    public static WaiterTiming RealDelays(TimeSpan provisioning) => new(provisioning, sleeps: true);

    /// <summary>The pure API cost: moto's answers as they are, no waiting between polls.</summary>
    public static WaiterTiming NoDelays() => new(TimeSpan.Zero, sleeps: false);

    public TimeSpan Now => _now();

    /// <summary>The status a poll at <see cref="Now"/> sees, for a stack whose CreateStack returned at <paramref name="createdAt"/>.</summary>
    public string StatusSeen(string reported, TimeSpan createdAt) =>
        Now - createdAt < Provisioning && reported == StackStatus.CreateComplete ? StackStatus.CreateInProgress : reported;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        Sleeps && delay > TimeSpan.Zero ? _delay(delay, cancellationToken) : Task.CompletedTask;

    /// <summary>A uniformly random duration in [0, <paramref name="upper"/>), like Go's rand.Int63n on nanoseconds.</summary>
    public TimeSpan Jitter(TimeSpan upper)
    {
        lock (_random)
        {
            return TimeSpan.FromTicks(_random.NextInt64(upper.Ticks));
        }
    }
}
