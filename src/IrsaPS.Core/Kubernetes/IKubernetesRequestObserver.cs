using System;
using System.Globalization;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// Sees every HTTP exchange with the API server, including retries: for -Verbose output, progress, and benchmarks that
/// count calls. Called on any thread; must not throw. It never sees headers or bodies, so it never sees a secret.
/// </summary>
internal interface IKubernetesRequestObserver
{
    void OnRequestCompleted(KubernetesRequestEvent requestEvent);

    /// <summary>A request failed and is about to be tried again after <see cref="KubernetesRetryEvent.Delay"/>.</summary>
    void OnRetry(KubernetesRetryEvent retryEvent)
    {
    }
}

/// <summary>
/// One HTTP exchange: <see cref="Path"/> is the request path and query (no host, no credentials);
/// <see cref="StatusCode"/> is null when no response came (connection failure, timeout), and then
/// <see cref="Failure"/> says what happened. <see cref="Attempt"/> counts from 1 for each logical request.
/// </summary>
internal sealed record KubernetesRequestEvent(string Method, string Path, int? StatusCode, int Attempt, TimeSpan Elapsed, string? Failure = null)
{
    public override string ToString() =>
        $"Kubernetes {Method} {Path} -> {StatusCode?.ToString(CultureInfo.InvariantCulture) ?? Failure ?? "no response"} "
        + $"in {Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
        + (Attempt > 1 ? $" (attempt {Attempt.ToString(CultureInfo.InvariantCulture)})" : string.Empty);
}

/// <summary>A retry: which server, why, the attempt about to be made, the wait before it, and the time spent of the total allowed.</summary>
internal sealed record KubernetesRetryEvent(Uri Server, string Reason, int NextAttempt, int MaxAttempts, TimeSpan Delay, TimeSpan Elapsed, TimeSpan TotalTimeout)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Kubernetes API server {Server.Authority}: {Reason}; attempt {NextAttempt} of {MaxAttempts} in {Delay.TotalSeconds:0.##} s ({Elapsed.TotalSeconds:0} s of at most {TotalTimeout.TotalSeconds:0} s spent)");
}
