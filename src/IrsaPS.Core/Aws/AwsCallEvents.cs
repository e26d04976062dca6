using System;
using System.Globalization;

namespace IrsaPS.Core.Aws;

/// <summary>A logical AWS call about to start. <see cref="Target"/> is what it is about (a role name, a cluster name), if anything.</summary>
internal sealed record AwsCallStart(string Service, string Operation, string? Target)
{
    /// <summary>"IAM CreateRole app": the -Verbose line.</summary>
    public override string ToString() => Target is null ? $"{Service} {Operation}" : $"{Service} {Operation} {Target}";
}

/// <summary>
/// One HTTP attempt. <see cref="Attempt"/> counts from 1. <see cref="StatusCode"/> is the HTTP status, null when no
/// answer came back (connection refused or reset, timeout); then <see cref="Failure"/> names the exception type.
/// </summary>
internal sealed record AwsAttempt(
    string Service,
    string Operation,
    int Attempt,
    int? StatusCode,
    string? ErrorCode,
    string? Failure,
    TimeSpan Elapsed)
{
    public bool Succeeded => Failure is null && ErrorCode is null && StatusCode is >= 200 and < 300;

    /// <summary>Where the attempt went: scheme, host and port (<c>https://iam.amazonaws.com</c>), when known.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The most attempts the call may make, when known.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>The time the whole call may take, when bounded.</summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>The time the call has taken so far, all attempts together.</summary>
    public TimeSpan? CallElapsed { get; init; }

    public override string ToString()
    {
        var outcome = StatusCode is null ? Failure ?? "no answer" : ErrorCode is null ? $"HTTP {StatusCode}" : $"HTTP {StatusCode} {ErrorCode}";
        return $"{Service} {Operation} attempt {Attempt}: {outcome} in {Elapsed.TotalMilliseconds:0} ms";
    }
}

/// <summary>A finished logical call: how many attempts it took, and how it ended.</summary>
internal sealed record AwsCallResult(
    string Service,
    string Operation,
    string? Target,
    int Attempts,
    bool Succeeded,
    int? StatusCode,
    string? ErrorCode,
    TimeSpan Elapsed)
{
    /// <summary>Where the last attempt went: scheme, host and port, when known.</summary>
    public string? Endpoint { get; init; }

    /// <summary>True when a failed attempt of this call was retried (or a retry was being waited for).</summary>
    public bool Retried { get; init; }

    public override string ToString()
    {
        var what = Target is null ? $"{Service} {Operation}" : $"{Service} {Operation} {Target}";
        var outcome = Succeeded ? "succeeded" : $"failed ({ErrorCode ?? "no answer"})";
        return $"{what} {outcome} after {Attempts} attempt(s) in {Elapsed.TotalMilliseconds:0} ms";
    }
}

/// <summary>
/// A retry about to happen: attempt <see cref="NextAttempt"/> of at most <see cref="MaxAttempts"/> starts after
/// <see cref="Delay"/>, because the last one failed with <see cref="LastError"/> (an AWS error code, an HTTP status or an
/// exception type). <see cref="CallTimeout"/> bounds the whole call; <see cref="Elapsed"/> is what it has taken so far.
/// </summary>
internal sealed record AwsRetry(
    string Service,
    string Operation,
    int NextAttempt,
    int MaxAttempts,
    TimeSpan Delay,
    string? LastError,
    string? Endpoint,
    TimeSpan Elapsed,
    TimeSpan? CallTimeout)
{
    /// <summary>"IAM GetRole: attempt 2 of 8 in 1.3 s after Throttling (http://127.0.0.1:5000, 4 s of 40 s used)".</summary>
    public override string ToString()
    {
        var why = LastError is null ? string.Empty : $" after {LastError}";
        var where = Endpoint is null ? string.Empty : Endpoint + ", ";
        var budget = CallTimeout is { } timeout
            ? string.Format(CultureInfo.InvariantCulture, "{0:0} s of {1:0} s used", Elapsed.TotalSeconds, timeout.TotalSeconds)
            : string.Format(CultureInfo.InvariantCulture, "{0:0} s so far", Elapsed.TotalSeconds);
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} {1}: attempt {2} of {3} in {4:0.0} s{5} ({6}{7})",
            Service,
            Operation,
            NextAttempt,
            MaxAttempts,
            Delay.TotalSeconds,
            why,
            where,
            budget);
    }
}
