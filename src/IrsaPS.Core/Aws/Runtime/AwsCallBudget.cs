using System;
using System.Globalization;
using Amazon.Runtime.CredentialManagement;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// How long and how often one AWS call may try: at most <see cref="MaxAttempts"/> HTTP attempts, each cut off after
/// <see cref="AttemptTimeout"/>, all of them together (backoff included) within <see cref="CallTimeout"/>.
/// <para>
/// IAM throttles hard and a CI step must not fail on one throttled request, so IrsaPS allows more attempts than the
/// SDKs' standard mode (3): <see cref="DefaultMaxAttempts"/>, unless <c>AWS_MAX_ATTEMPTS</c> or the profile's
/// <c>max_attempts</c> says otherwise (the settings every AWS SDK and the CLI read). What bounds a call is the time:
/// an endpoint that accepts connections and never answers costs <see cref="DefaultCallTimeout"/>, not attempts × the
/// SDK's 100 s.
/// </para>
/// </summary>
internal sealed record AwsCallBudget
{
    /// <summary>Attempts per call when nothing else is configured: survives one request in five failing (see docs/performance.md).</summary>
    public const int DefaultMaxAttempts = 8;

    /// <summary>The upper bound of <c>-TimeoutSec</c> and <see cref="AwsConnectionSettings.CallTimeout"/>.</summary>
    public static readonly TimeSpan MaxCallTimeout = TimeSpan.FromHours(1);

    /// <summary>The longest one call may take, retries and backoff included, when nothing else is configured.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(40);

    /// <summary>The longest one HTTP attempt may wait for its answer (IAM answers in well under a second); a third of the call's time when that is less.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(15);

    public static readonly AwsCallBudget Default = new();

    /// <summary>HTTP attempts per call, the first one included (the SDK's MaxErrorRetry is one less).</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    /// <summary>The time one HTTP attempt may take (the SDK's ClientConfig.Timeout).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromTicks(DefaultCallTimeout.Ticks / 3);

    /// <summary>The time one call may take in all: attempts, backoff between them, reading the answer.</summary>
    public TimeSpan CallTimeout { get; init; } = DefaultCallTimeout;

    /// <summary>
    /// The budget for <paramref name="settings"/>: explicit settings first (<see cref="AwsConnectionSettings.MaxErrorRetry"/>,
    /// <see cref="AwsConnectionSettings.Timeout"/>, <see cref="AwsConnectionSettings.CallTimeout"/>), then
    /// <c>AWS_MAX_ATTEMPTS</c>, then the profile's <c>max_attempts</c>, then IrsaPS's defaults. An attempt never outlasts the call.
    /// </summary>
    internal static AwsCallBudget Resolve(AwsConnectionSettings settings, CredentialProfile? profile, Func<string, string?> environment)
    {
        // Unless set, an attempt gets a third of the call's time (at most 15 s, at least 1 s): an endpoint that stops
        // answering mid-call is still retried twice within the budget.
        var callTimeout = settings.CallTimeout ?? DefaultCallTimeout;
        var third = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, callTimeout.Ticks / 3));
        var attemptTimeout = settings.Timeout ?? (third < DefaultAttemptTimeout ? third : DefaultAttemptTimeout);
        if (attemptTimeout > callTimeout)
        {
            attemptTimeout = callTimeout;
        }

        int attempts;
        if (settings.MaxErrorRetry is { } retries)
        {
            attempts = retries + 1;
        }
        else if (environment("AWS_MAX_ATTEMPTS") is { Length: > 0 } fromEnvironment)
        {
            if (!int.TryParse(fromEnvironment.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || attempts is < 1 or > 21)
            {
                throw new IrsaValidationException(
                    ErrorIds.AwsInvalidParameter,
                    $"AWS_MAX_ATTEMPTS is '{fromEnvironment}'; it must be a whole number of attempts from 1 to 21 (unset it for IrsaPS's default of {DefaultMaxAttempts}).");
            }
        }
        else if (profile?.MaxAttempts is { } fromProfile and >= 1)
        {
            attempts = Math.Min(fromProfile, 21);
        }
        else
        {
            attempts = DefaultMaxAttempts;
        }

        return new AwsCallBudget { MaxAttempts = attempts, AttemptTimeout = attemptTimeout, CallTimeout = callTimeout };
    }

    /// <summary>"8 attempts within 40 s".</summary>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} attempts within {1:0.#} s", MaxAttempts, CallTimeout.TotalSeconds);
}
