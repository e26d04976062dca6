using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Core.Tests.Operations;
using IrsaPS.Emulators.Faults;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// Every AWS call has a time budget: an endpoint that accepts connections and never answers, or keeps throttling, costs
/// the budget (default 40 s, not the SDK's 3 × 100 s), the error names the endpoint, the attempts and the time, and a
/// progress bar shows the retries while they happen. Backoff follows the AWS SDKs' standard mode by kind of error.
/// </summary>
public sealed class CallBudgetTests
{
    private static readonly Uri Unused = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData(1, true, 1.0, 1000)]
    [InlineData(2, true, 1.0, 2000)]
    [InlineData(5, true, 1.0, 16000)]
    [InlineData(6, true, 1.0, 20000)]
    [InlineData(12, true, 1.0, 20000)]
    [InlineData(3, true, 0.5, 2000)]
    [InlineData(1, false, 1.0, 50)]
    [InlineData(3, false, 1.0, 200)]
    [InlineData(3, false, 0.0, 0)]
    [InlineData(40, false, 1.0, 20000)]
    public void Backoff_IsFullJitter_OfOneSecondForThrottling_AndFiftyMillisecondsOtherwise_CappedAtTwentySeconds(int retry, bool throttling, double jitter, double expectedMs) =>
        Assert.Equal(expectedMs, IrsaRetryPolicy.Backoff(retry, throttling, jitter).TotalMilliseconds, 3);

    [Fact]
    public void Backoff_NeverWaitsPastTheCallsBudget()
    {
        Assert.Equal(TimeSpan.FromSeconds(1.5), IrsaRetryPolicy.WithinBudget(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(1.5)));
        Assert.Equal(TimeSpan.FromSeconds(2), IrsaRetryPolicy.WithinBudget(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(2), IrsaRetryPolicy.WithinBudget(TimeSpan.FromSeconds(2), null));
    }

    [Fact]
    public void Budget_Defaults_AreEightAttemptsWithinFortySeconds_EachAttemptAThirdOfIt()
    {
        var budget = AwsCallBudget.Resolve(new AwsConnectionSettings(), null, _ => null);

        Assert.Equal(8, budget.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(40.0 / 3), budget.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(40), budget.CallTimeout);
        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = "us-east-1", AccessKey = "AKIAEXAMPLE", SecretKey = "secret", EndpointUrl = Unused.AbsoluteUri });
        Assert.Equal(budget, aws.Budget);
    }

    [Fact]
    public void Budget_TakesExplicitSettings_ThenAwsMaxAttempts_AndNeverLetsAnAttemptOutlastTheCall()
    {
        var environment = new Dictionary<string, string?> { ["AWS_MAX_ATTEMPTS"] = "5" };

        Assert.Equal(5, AwsCallBudget.Resolve(new AwsConnectionSettings(), null, n => environment.GetValueOrDefault(n)).MaxAttempts);
        Assert.Equal(3, AwsCallBudget.Resolve(new AwsConnectionSettings { MaxErrorRetry = 2 }, null, n => environment.GetValueOrDefault(n)).MaxAttempts);
        var bounded = AwsCallBudget.Resolve(new AwsConnectionSettings { CallTimeout = TimeSpan.FromSeconds(5) }, null, _ => null);
        Assert.Equal(TimeSpan.FromSeconds(5), bounded.CallTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5.0 / 3), bounded.AttemptTimeout);
        var explicitAttempt = AwsCallBudget.Resolve(new AwsConnectionSettings { CallTimeout = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(30) }, null, _ => null);
        Assert.Equal(TimeSpan.FromSeconds(5), explicitAttempt.AttemptTimeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    [InlineData("99")]
    public void Budget_RefusesAnUnusableAwsMaxAttempts_NamingIt(string value)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => AwsCallBudget.Resolve(new AwsConnectionSettings(), null, n => n == "AWS_MAX_ATTEMPTS" ? value : null));

        Assert.Equal(ErrorIds.AwsInvalidParameter, ex.ErrorId);
        Assert.Contains("AWS_MAX_ATTEMPTS", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(7200)]
    public void ACallTimeoutOutsideOneSecondToAnHour_IsRefusedBeforeAnyCall(double seconds)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => AwsConnection.Create(new AwsConnectionSettings
        {
            Region = "us-east-1",
            AccessKey = "AKIAEXAMPLE",
            SecretKey = "secret",
            CallTimeout = TimeSpan.FromSeconds(seconds),
        }));

        Assert.Equal(ErrorIds.AwsInvalidParameter, ex.ErrorId);
        Assert.Contains("-TimeoutSec", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEndpointThatNeverAnswers_FailsWhenTheBudgetIsSpent_NamingTheEndpointAndTheAttempts()
    {
        using var silent = new SilentListener();
        var counter = new AwsCallCounter();
        var host = new RecordingHost();
        using var aws = Connect(silent.Endpoint, new AwsVerboseObserver(host, counter), callTimeout: TimeSpan.FromSeconds(3), attemptTimeout: TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = "app" }));

        clock.Stop();
        Assert.Equal(ErrorIds.AwsRequestTimeout, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.Timeout, ex.Kind);
        Assert.InRange(clock.Elapsed.TotalSeconds, 2.5, 6);
        Assert.Contains(silent.Endpoint.GetLeftPart(UriPartial.Authority) + " did not answer within 3.0 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-TimeoutSec", ex.Message, StringComparison.Ordinal);

        // Each one-second attempt timed out and was retried at once (transient backoff) until the budget ran out.
        Assert.True(silent.Accepted >= 2, $"only {silent.Accepted} connection(s) were made");
        Assert.True(counter.AttemptLog().Count >= 2);
        Assert.All(counter.RetryLog(), r => Assert.Equal(silent.Endpoint.GetLeftPart(UriPartial.Authority), r.Endpoint));
        var progress = host.Progress.Where(p => p.ActivityId == ProgressActivities.AwsRetry).ToList();
        Assert.Contains(progress, p => !p.Completed && p.Status.Contains("IAM GetRole: attempt 2 of 8", StringComparison.Ordinal));
        Assert.True(progress[^1].Completed, "the retry progress bar was left open");
    }

    [Fact]
    public async Task AServiceThatKeepsThrottling_FailsAsThrottledWhenTheBudgetIsSpent_NotAfterEveryAttempt()
    {
        await using var proxy = await FaultProxy.StartAsync(Unused);
        proxy.FailEverything(FaultKind.Throttle);
        var counter = new AwsCallCounter();
        using var aws = Connect(proxy.Endpoint, counter, callTimeout: TimeSpan.FromSeconds(4));
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.ListRolesAsync(new ListRolesRequest()));

        clock.Stop();
        Assert.Equal(ErrorIds.AwsThrottled, ex.ErrorId);
        Assert.Equal("Throttling", ex.AwsErrorCode);
        Assert.Contains("kept answering Throttling (HTTP 400) until the time limit of 4.0 s", ex.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed.TotalSeconds, 3.5, 7);

        // Throttling backs off from one second: far fewer than the eight attempts fit into four seconds.
        Assert.InRange(proxy.Received("ListRoles"), 2, 7);
        Assert.All(counter.RetryLog(), r => Assert.Equal("Throttling", r.LastError));
        Assert.All(counter.RetryLog(), r => Assert.True(r.Delay <= TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task TransientFailures_AreRetriedQuickly_AndTheRetriesAreAnnounced()
    {
        await using var proxy = await FaultProxy.StartAsync(Unused);
        proxy.AddRule(new FaultRule("ListRoles", FaultKind.ServerError, FaultPhase.BeforeForward, Times: 3));
        proxy.AddRule(new FaultRule("ListRoles", FaultKind.AccessDenied, FaultPhase.BeforeForward, Times: 1));
        var counter = new AwsCallCounter();
        using var aws = Connect(proxy.Endpoint, counter);
        var clock = Stopwatch.StartNew();

        // Three 500s are retried (50/100/200 ms ceilings), then AccessDenied ends the call: it is not retryable.
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.ListRolesAsync(new ListRolesRequest()));

        Assert.Equal(ErrorIds.AwsAccessDenied, ex.ErrorId);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(4, proxy.Received("ListRoles"));
        Assert.Equal([2, 3, 4], counter.RetryLog().Select(r => r.NextAttempt));
        Assert.All(counter.RetryLog(), r => Assert.True(r.Delay <= TimeSpan.FromMilliseconds(200), $"waited {r.Delay} after a 500"));
        Assert.Contains("4 attempts in", ex.Message, StringComparison.Ordinal);
    }

    private static AwsConnection Connect(Uri endpoint, IAwsCallObserver observer, TimeSpan? callTimeout = null, TimeSpan? attemptTimeout = null) =>
        AwsConnection.Create(new AwsConnectionSettings
        {
            Region = "us-east-1",
            AccessKey = "AKIAEXAMPLE",
            SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            EndpointUrl = endpoint.AbsoluteUri,
            Observer = observer,
            CallTimeout = callTimeout,
            Timeout = attemptTimeout,
        });
}
