using System;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// Sees every HTTP exchange with the API server, including retries: for -Verbose output and for benchmarks that count
/// calls. Called on any thread; must not throw. It never sees headers or bodies, so it never sees a secret.
/// </summary>
public interface IKubernetesRequestObserver
{
    void OnRequestCompleted(KubernetesRequestEvent requestEvent);
}

/// <summary>
/// One HTTP exchange: <see cref="Path"/> is the request path and query (no host, no credentials);
/// <see cref="StatusCode"/> is null when no response came (connection failure, timeout), and then
/// <see cref="Failure"/> says what happened. <see cref="Attempt"/> counts from 1 for each logical request.
/// </summary>
public sealed record KubernetesRequestEvent(string Method, string Path, int? StatusCode, int Attempt, TimeSpan Elapsed, string? Failure = null)
{
    public override string ToString() =>
        $"Kubernetes {Method} {Path} -> {(StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Failure ?? "no response")} "
        + $"in {Elapsed.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} ms"
        + (Attempt > 1 ? $" (attempt {Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : string.Empty);
}
