using System;

namespace IrsaPS.Core.Aws;

/// <summary>A logical AWS call about to start. <see cref="Target"/> is what it is about (a role name, a cluster name), if anything.</summary>
public sealed record AwsCallStart(string Service, string Operation, string? Target)
{
    /// <summary>"IAM CreateRole app": the -Verbose line.</summary>
    public override string ToString() => Target is null ? $"{Service} {Operation}" : $"{Service} {Operation} {Target}";
}

/// <summary>
/// One HTTP attempt. <see cref="Attempt"/> counts from 1. <see cref="StatusCode"/> is the HTTP status, null when no
/// answer came back (connection refused or reset, timeout); then <see cref="Failure"/> names the exception type.
/// </summary>
public sealed record AwsAttempt(
    string Service,
    string Operation,
    int Attempt,
    int? StatusCode,
    string? ErrorCode,
    string? Failure,
    TimeSpan Elapsed)
{
    public bool Succeeded => Failure is null && ErrorCode is null && StatusCode is >= 200 and < 300;

    public override string ToString()
    {
        var outcome = StatusCode is null ? Failure ?? "no answer" : ErrorCode is null ? $"HTTP {StatusCode}" : $"HTTP {StatusCode} {ErrorCode}";
        return $"{Service} {Operation} attempt {Attempt}: {outcome} in {Elapsed.TotalMilliseconds:0} ms";
    }
}

/// <summary>A finished logical call: how many attempts it took, and how it ended.</summary>
public sealed record AwsCallResult(
    string Service,
    string Operation,
    string? Target,
    int Attempts,
    bool Succeeded,
    int? StatusCode,
    string? ErrorCode,
    TimeSpan Elapsed)
{
    public override string ToString()
    {
        var what = Target is null ? $"{Service} {Operation}" : $"{Service} {Operation} {Target}";
        var outcome = Succeeded ? "succeeded" : $"failed ({ErrorCode ?? "no answer"})";
        return $"{what} {outcome} after {Attempts} attempt(s) in {Elapsed.TotalMilliseconds:0} ms";
    }
}
