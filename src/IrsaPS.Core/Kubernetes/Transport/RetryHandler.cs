using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Kubernetes.Transport;

/// <summary>
/// The delegating handler IrsaPS puts into KubernetesClient's HTTP pipeline: every attempt is bounded by
/// <see cref="KubernetesClientOptions.RequestTimeout"/> and the whole request, retries and waits included, by
/// <see cref="KubernetesClientOptions.TotalTimeout"/>; 429, 5xx, connection failures and timeouts are retried with
/// exponential back-off or the server's Retry-After; a 401 asks the credential source for a fresh credential once;
/// kubeconfig impersonation is added; the observer sees every attempt and every retry (never a header or a body).
/// </summary>
internal sealed class RetryHandler(KubernetesConnection connection, KubernetesClientOptions options) : DelegatingHandler
{
    /// <summary>The attempts of the current logical request, for error messages (set by the client before it sends).</summary>
    internal static readonly AsyncLocal<StrongBox<int>?> Attempts = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (connection.ImpersonateUser is { } user)
        {
            request.Headers.TryAddWithoutValidation("Impersonate-User", user);
            if (connection.ImpersonateGroups.Count > 0)
            {
                request.Headers.TryAddWithoutValidation("Impersonate-Group", connection.ImpersonateGroups);
            }
        }

        var path = request.RequestUri!.PathAndQuery;
        var total = Stopwatch.StartNew();
        var (attempt, failures, refreshed) = (0, 0, false);
        while (true)
        {
            attempt++;
            if (Attempts.Value is { } box)
            {
                box.Value = attempt;
            }

            var budget = options.TotalTimeout - total.Elapsed;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(budget < options.RequestTimeout ? (budget > TimeSpan.Zero ? budget : TimeSpan.FromMilliseconds(1)) : options.RequestTimeout);
            var watch = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Report(request.Method.Method, path, null, attempt, watch.Elapsed, "timeout");
                if (await RetryAsync(++failures, null, "no answer", total, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                throw KubernetesErrors.Timeout(connection, options, request.Method.Method, path, attempt, total.Elapsed);
            }
            catch (HttpRequestException ex)
            {
                var tls = KubernetesErrors.IsTls(ex);
                Report(request.Method.Method, path, null, attempt, watch.Elapsed, tls ? "TLS failed" : "connection failed");
                if (!tls && await RetryAsync(++failures, null, "connection failed", total, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                throw KubernetesErrors.FromTransport(ex, connection, attempt);
            }

            var status = (int)response.StatusCode;
            Report(request.Method.Method, path, status, attempt, watch.Elapsed, null);
            if (status == 401 && !refreshed && connection.Renewable is { } renewable)
            {
                refreshed = true;
                response.Dispose();
                renewable.Invalidate();
                request.Headers.Authorization = await renewable.GetAuthenticationHeaderAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (status is 429 or 500 or 502 or 503 or 504
                && await RetryAsync(++failures, RetryAfter(response), status.ToString(CultureInfo.InvariantCulture), total, cancellationToken).ConfigureAwait(false))
            {
                response.Dispose();
                continue;
            }

            return response;
        }
    }

    private async Task<bool> RetryAsync(int failures, TimeSpan? retryAfter, string why, Stopwatch total, CancellationToken cancellationToken)
    {
        var delay = retryAfter ?? TimeSpan.FromTicks(options.BaseRetryDelay.Ticks << Math.Min(failures - 1, 16));
        delay = delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
        if (failures >= options.MaxAttempts || total.Elapsed + delay >= options.TotalTimeout)
        {
            return false;
        }

        Notify(observer => observer.OnRetry(new KubernetesRetryEvent(connection.Server, why, failures + 1, options.MaxAttempts, delay, total.Elapsed, options.TotalTimeout)));
        await options.Delay(delay, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : TimeSpan.Zero,
        _ => null,
    };

    private void Report(string method, string path, int? status, int attempt, TimeSpan elapsed, string? failure) =>
        Notify(observer => observer.OnRequestCompleted(new KubernetesRequestEvent(method, path, status, attempt, elapsed, failure)));

    private void Notify(Action<IKubernetesRequestObserver> notify)
    {
        try
        {
            if (options.Observer is { } observer)
            {
                notify(observer);
            }
        }
#pragma warning disable CA1031 // An observer must never break a request.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
