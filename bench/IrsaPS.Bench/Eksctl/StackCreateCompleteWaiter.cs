using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Bench.CloudFormation;
using IrsaPS.Core.Aws;

namespace IrsaPS.Bench.Eksctl;

/// <summary>What one wait did: DescribeStacks polls made, time spent between them (computed; slept when the timing sleeps).</summary>
internal sealed record StackWaitResult(int Polls, TimeSpan Delays, IReadOnlyList<TimeSpan> DelayList);

/// <summary>
/// eksctl's wait for a new stack (pkg/cfn/manager/waiters.go, <c>DoWaitUntilStackIsCreated</c>): aws-sdk-go-v2's
/// <c>cloudformation.NewStackCreateCompleteWaiter</c> with its defaults (MinDelay 30 s, MaxDelay 120 s) and eksctl's
/// <c>--timeout</c> (25 min) as the maximum wait, polling DescribeStacks by stack name. As in
/// <c>StackCreateCompleteWaiter.WaitForOutput</c>: the first poll is immediate; after each retryable answer the delay
/// is smithy-go's <c>waiter.ComputeDelay</c>; success when every stack is CREATE_COMPLETE (or one of the UPDATE_* states
/// the generated waiter also accepts), failure on CREATE_FAILED, DELETE_*, ROLLBACK_* or a ValidationError.
/// </summary>
internal sealed class StackCreateCompleteWaiter
{
    public static readonly TimeSpan MinDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromMinutes(25);

    private static readonly HashSet<string> Success = new(StringComparer.Ordinal)
    {
        "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_FAILED",
        "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE",
    };

    private static readonly HashSet<string> Failure = new(StringComparer.Ordinal)
    {
        "CREATE_FAILED", "DELETE_COMPLETE", "DELETE_FAILED", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE",
    };

    private readonly CloudFormationClient _cloudFormation;
    private readonly WaiterTiming _timing;

    public StackCreateCompleteWaiter(CloudFormationClient cloudFormation, WaiterTiming timing)
    {
        _cloudFormation = cloudFormation;
        _timing = timing;
    }

    /// <summary>Waits for <paramref name="stackName"/>, created (CreateStack returned) at <paramref name="createdAt"/> on the timing's clock.</summary>
    public async Task<StackWaitResult> WaitAsync(string stackName, TimeSpan createdAt, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var remaining = maxWait;
        var delays = new List<TimeSpan>();
        for (var attempt = 1L; ; attempt++)
        {
            var start = _timing.Now;
            string[] statuses;
            try
            {
                var stacks = await _cloudFormation.DescribeStacksAsync(stackName, cancellationToken);
                statuses = stacks.Select(s => _timing.StatusSeen(s.StackStatus, createdAt)).ToArray();
            }
            catch (AwsServiceException ex) when (ex.AwsErrorCode == "ValidationError")
            {
                throw new InvalidOperationException($"waiting for stack {stackName}: waiter state transitioned to Failure ({ex.Message})", ex);
            }

            if (statuses.Length > 0 && statuses.All(Success.Contains))
            {
                return new StackWaitResult((int)attempt, delays.Aggregate(TimeSpan.Zero, (a, b) => a + b), delays);
            }

            if (statuses.Any(Failure.Contains))
            {
                throw new InvalidOperationException($"waiting for stack {stackName}: waiter state transitioned to Failure ({string.Join(", ", statuses)})");
            }

            remaining -= _timing.Now - start;
            if (remaining < MinDelay || remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"exceeded max wait time for StackCreateComplete waiter on {stackName}");
            }

            var delay = ComputeDelay(attempt, MinDelay, MaxDelay, remaining, _timing.Jitter);
            remaining -= delay;
            delays.Add(delay);
            await _timing.DelayAsync(delay, cancellationToken);
        }
    }

    /// <summary>
    /// smithy-go <c>waiter.ComputeDelay</c>: no delay before the first attempt; then min × 2^(attempt-1) capped at max
    /// (max outright beyond log2(max/min)+1 attempts), jittered uniformly in [min, delay) whenever it is not min itself;
    /// finally shortened so that at least min remains of the wait. With 30 s / 120 s: attempt 1 → exactly 30 s,
    /// attempt 2 → [30 s, 60 s), attempt 3 and later → [30 s, 120 s).
    /// </summary>
    public static TimeSpan ComputeDelay(long attempt, TimeSpan minDelay, TimeSpan maxDelay, TimeSpan remaining, Func<TimeSpan, TimeSpan> jitter)
    {
        ArgumentNullException.ThrowIfNull(jitter);
        if (minDelay > maxDelay)
        {
            throw new ArgumentException("maximum delay must be greater than minimum delay", nameof(maxDelay));
        }

        if (attempt <= 0 || remaining <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        if (minDelay < TimeSpan.FromTicks(1))
        {
            minDelay = TimeSpan.FromTicks(1);
        }

        var ceiling = (Math.Log(maxDelay.Ticks / minDelay.Ticks) / Math.Log(2)) + 1;
        var delay = attempt > (long)ceiling
            ? maxDelay
            : TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, minDelay.Ticks * (1L << (int)(attempt - 1))));
        if (delay != minDelay)
        {
            delay = jitter(delay - minDelay) + minDelay;
        }

        if (remaining - delay <= minDelay)
        {
            delay = remaining - minDelay;
        }

        return delay;
    }
}
