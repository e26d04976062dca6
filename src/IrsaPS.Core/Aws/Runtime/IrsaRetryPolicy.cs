using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// The SDK's standard retry mode (which errors are retried, clock-skew correction, the retry quota) with two changes
/// for a tool that runs in CI against IAM, which throttles hard:
/// <list type="bullet">
/// <item>backoff by kind of error, as the AWS SDKs' updated standard mode does: throttling waits
/// random(0, min(20 s, 1 s × 2^(n-1))), other transient errors (5xx, timeouts, broken connections) random(0, min(20 s,
/// 50 ms × 2^(n-1))) — "full jitter" with the cap applied before the jitter;</item>
/// <item>the call's time budget (<see cref="AwsCallScope.Timeout"/>) bounds the retries: no wait runs past it and no
/// attempt starts after it, however many attempts are left.</item>
/// </list>
/// How many attempts a call gets is the config's MaxErrorRetry + 1 (see <see cref="AwsCallBudget"/>). Every write
/// IrsaPS makes is safe to repeat or has its lost answer handled by the caller (CreateRole and
/// CreateOpenIDConnectProvider adopt EntityAlreadyExists, deletes take NoSuchEntity as done), so one policy serves all.
/// </summary>
internal sealed class IrsaRetryPolicy : StandardRetryPolicy
{
    public static readonly TimeSpan ThrottlingBaseDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan TransientBaseDelay = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    private const string ThrottledKey = "IrsaPS.LastRetryWasThrottling";
    private static readonly Random Jitter = new();

    public IrsaRetryPolicy(IClientConfig config)
        : base(config)
    {
    }

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry), for a jitter in [0, 1).</summary>
    public static TimeSpan Backoff(int retry, bool throttling, double jitter)
    {
        var baseDelay = throttling ? ThrottlingBaseDelay : TransientBaseDelay;
        var exponent = Math.Min(Math.Max(retry - 1, 0), 30);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * Math.Min(Math.Max(jitter, 0), 1));
    }

    /// <summary><paramref name="delay"/>, shortened so that it ends when the call's budget does.</summary>
    public static TimeSpan WithinBudget(TimeSpan delay, TimeSpan? remaining) =>
        remaining is { } left && left < delay ? left : delay;

    public override bool RetryLimitReached(IExecutionContext executionContext) =>
        base.RetryLimitReached(executionContext)
        || AwsCallScope.Current?.Remaining is { } remaining && remaining <= TimeSpan.Zero;

    public override bool OnRetry(IExecutionContext executionContext, bool bypassAcquireCapacity, bool isThrottlingError)
    {
        if (executionContext?.RequestContext?.ContextAttributes is { } attributes)
        {
            attributes[ThrottledKey] = isThrottlingError;
        }

        return base.OnRetry(executionContext, bypassAcquireCapacity, isThrottlingError);
    }

    public override Task WaitBeforeRetryAsync(IExecutionContext executionContext)
    {
        var delay = NextDelay(executionContext);
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, executionContext.RequestContext.CancellationToken);
    }

    public override void WaitBeforeRetry(IExecutionContext executionContext)
    {
        var delay = NextDelay(executionContext);
        if (delay > TimeSpan.Zero)
        {
            executionContext.RequestContext.CancellationToken.WaitHandle.WaitOne(delay);
        }
    }

    private static TimeSpan NextDelay(IExecutionContext executionContext)
    {
        var requestContext = executionContext.RequestContext;
        var throttling = requestContext.ContextAttributes is { } attributes
            && attributes.TryGetValue(ThrottledKey, out var value) && value is true;
        double jitter;
        lock (Jitter)
        {
            jitter = Jitter.NextDouble();
        }

        var scope = AwsCallScope.Current;
        var delay = WithinBudget(Backoff(requestContext.Retries, throttling, jitter), scope?.Remaining);
        scope?.AnnounceRetry(requestContext.Retries + 1, requestContext.ClientConfig.MaxErrorRetry + 1, delay);
        return delay;
    }
}
