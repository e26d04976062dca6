using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes.Auth;

namespace IrsaPS.Core.Kubernetes.Transport;

/// <summary>
/// Sends API requests: adds the credential, checks the server certificate, retries 429 / 5xx / connection failures
/// (bounded, honouring Retry-After, exponential back-off otherwise), asks the credential provider for a fresh
/// credential once after a 401, reports every attempt to the observer and turns failures into typed exceptions.
/// One HttpClient per client certificate (exec plugins may rotate it).
/// </summary>
internal sealed class KubernetesTransport : IDisposable
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly string UserAgent = "IrsaPS/" + (typeof(KubernetesTransport).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly KubernetesConnection _connection;
    private readonly KubernetesClientOptions _options;
    private readonly ServerCertificateValidator _validator;
    private readonly string _baseUrl;
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private bool _disposed;

    public KubernetesTransport(KubernetesConnection connection, KubernetesClientOptions options)
    {
        _connection = connection;
        _options = options;
        _validator = new ServerCertificateValidator(connection.Tls);
        var server = connection.Server;
        _baseUrl = server.GetLeftPart(UriPartial.Authority) + server.AbsolutePath.TrimEnd('/');
    }

    /// <summary>Sends the request and returns the successful (2xx) response; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> SendAsync(KubeRequest request, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var failures = 0;
        var refreshed = false;
        while (true)
        {
            attempt++;
            var credential = await _connection.Credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
            var client = GetClient(credential.ClientCertificate ?? _connection.ClientCertificate);
            using var message = BuildMessage(request, credential);
            var watch = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Report(request, null, attempt, watch.Elapsed, "timeout");
                if (++failures < _options.MaxAttempts)
                {
                    await WaitAsync(failures, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw KubernetesErrors.Timeout(_connection, _options.RequestTimeout, request.Method.Method, request.Path, attempt);
            }
            catch (HttpRequestException ex)
            {
                var isTls = IsTlsFailure(ex);
                var tlsFailure = isTls ? _validator.LastFailure : null;
                Report(request, null, attempt, watch.Elapsed, isTls ? "TLS failed" : "connection failed");
                if (!isTls && ++failures < _options.MaxAttempts)
                {
                    await WaitAsync(failures, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw KubernetesErrors.FromTransport(ex, _connection, tlsFailure, attempt);
            }

            var status = (int)response.StatusCode;
            Report(request, status, attempt, watch.Elapsed, null);
            if (status is >= 200 and < 300)
            {
                return response;
            }

            using (response)
            {
                if (status == 401 && !refreshed && _connection.Credentials.CanRefresh)
                {
                    refreshed = true;
                    _connection.Credentials.Invalidate(credential);
                    continue;
                }

                var retryAfter = ReadRetryAfter(response);
                var retryable = status is 429 or 500 or 502 or 503 or 504;
                if (retryable && ++failures < _options.MaxAttempts)
                {
                    await WaitAsync(failures, retryAfter, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var body = await ReadLimitedAsync(response, cancellationToken).ConfigureAwait(false);
                var error = KubernetesErrors.ParseStatus(request.Method.Method, request.Path, status, body, retryAfter);
                throw KubernetesErrors.FromStatus(error, request.Target, _connection, retryable ? failures : attempt);
            }
        }
    }

    private HttpRequestMessage BuildMessage(KubeRequest request, KubernetesCredential credential)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(_baseUrl + request.Path));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (credential.BearerToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.BearerToken);
        }
        else if (credential.BasicAuth is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.BasicAuth);
        }

        if (_connection.ImpersonateUser is not null)
        {
            message.Headers.TryAddWithoutValidation("Impersonate-User", _connection.ImpersonateUser);
            foreach (var group in _connection.ImpersonateGroups)
            {
                message.Headers.TryAddWithoutValidation("Impersonate-Group", group);
            }
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
        }

        return message;
    }

    private HttpClient GetClient(X509Certificate2? certificate)
    {
        var key = certificate?.Thumbprint ?? string.Empty;
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(KubernetesClient));
            }

            if (_clients.TryGetValue(key, out var existing))
            {
                return existing;
            }

#pragma warning disable CA2000 // The HttpClient owns the handler and is disposed with the transport.
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                ServerCertificateCustomValidationCallback = _validator.Validate,
            };
#pragma warning restore CA2000
            if (_connection.Proxy is not null)
            {
                handler.Proxy = new WebProxy(_connection.Proxy);
                handler.UseProxy = true;
            }

            if (certificate is not null)
            {
                handler.ClientCertificateOptions = ClientCertificateOption.Manual;
                handler.ClientCertificates.Add(certificate);
            }

            var client = new HttpClient(handler, disposeHandler: true) { Timeout = _options.RequestTimeout };
            _clients[key] = client;
            return client;
        }
    }

    private Task WaitAsync(int failures, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var computed = TimeSpan.FromTicks(_options.BaseRetryDelay.Ticks * (1L << Math.Min(failures - 1, 16)));
        var delay = retryAfter ?? computed;
        if (delay > _options.MaxRetryDelay)
        {
            delay = _options.MaxRetryDelay;
        }

        return _options.Delay(delay, cancellationToken);
    }

    private static bool IsTlsFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        // Some proxies send a number Retry-After that HttpClient does not parse into Delta.
        if (response.Headers.TryGetValues("Retry-After", out var values))
        {
            foreach (var value in values)
            {
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    return TimeSpan.FromSeconds(seconds);
                }
            }
        }

        return null;
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return [];
        }

        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length < MaxErrorBodyBytes && (read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private void Report(KubeRequest request, int? status, int attempt, TimeSpan elapsed, string? failure)
    {
        var observer = _options.Observer;
        if (observer is null)
        {
            return;
        }

        try
        {
            observer.OnRequestCompleted(new KubernetesRequestEvent(request.Method.Method, request.Path, status, attempt, elapsed, failure));
        }
#pragma warning disable CA1031 // An observer must never break a request.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }
}
