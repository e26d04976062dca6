using System;
using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// How a <see cref="KubernetesClient"/> talks to the server: retries, timeouts and who observes the requests.
/// The defaults suit an interactive cmdlet and a CI job alike.
/// </summary>
public sealed class KubernetesClientOptions
{
    public static readonly KubernetesClientOptions Default = new();

    /// <summary>Attempts per request, the first included, for 429, 5xx and connection failures. At least 1.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first back-off delay when the server gives no Retry-After; doubled each retry.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest single wait, whether computed or asked for by Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take before it counts as timed out.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Page size for list operations that do not name one (kubectl uses 500).</summary>
    public int DefaultPageSize { get; init; } = 500;

    /// <summary>Sees every request (method, path, status, attempt, elapsed). Null for none.</summary>
    public IKubernetesRequestObserver? Observer { get; init; }

    /// <summary>How the client waits between retries; tests replace it to observe the delays without sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = (delay, token) => Task.Delay(delay, token);
}
