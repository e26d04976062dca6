using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// How a <see cref="KubernetesClient"/> talks to the server: retries, timeouts and who observes the requests.
/// The defaults suit an interactive cmdlet and a CI job alike: a server that accepts connections and never answers
/// costs at most <see cref="TotalTimeout"/> per request, not attempts × <see cref="RequestTimeout"/>.
/// </summary>
public sealed class KubernetesClientOptions
{
    /// <summary>The environment variable that sets <see cref="TotalTimeout"/> (seconds) for every cmdlet of a session or CI job.</summary>
    public const string TimeoutVariable = "IRSAPS_KUBERNETES_TIMEOUT";

    public static readonly KubernetesClientOptions Default = new();

    /// <summary>Attempts per request, the first included, for 429, 5xx, connection failures and timeouts. At least 1.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first back-off delay when the server gives no Retry-After; doubled each retry.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest single wait, whether computed or asked for by Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one attempt may wait for the server's answer (its headers) before it counts as timed out.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The most one request may take, retries and waits included; no attempt or wait goes past it. 30 s by default, or
    /// the seconds in the <c>IRSAPS_KUBERNETES_TIMEOUT</c> environment variable.
    /// </summary>
    public TimeSpan TotalTimeout { get; init; } = FromEnvironment() ?? TimeSpan.FromSeconds(30);

    /// <summary>Page size for list operations that do not name one (kubectl uses 500).</summary>
    public int DefaultPageSize { get; init; } = 500;

    /// <summary>Sees every HTTP attempt (method, path, status, attempt, elapsed) and every retry. Null for none.</summary>
    internal IKubernetesRequestObserver? Observer { get; init; }

    /// <summary>How the client waits between retries; tests replace it to observe the delays without sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = (delay, token) => Task.Delay(delay, token);

    internal static TimeSpan? FromEnvironment() =>
        double.TryParse(Environment.GetEnvironmentVariable(TimeoutVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
