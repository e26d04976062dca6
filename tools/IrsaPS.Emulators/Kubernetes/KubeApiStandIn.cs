using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>One request the stand-in answered (for tests that count calls or check headers). Never holds credentials.</summary>
public sealed record KubeRequestRecord(string Method, string Path, string Query, int StatusCode, string? User, string? ContentType, string? Accept);

/// <summary>
/// A loopback Kubernetes API server stand-in owned by the project: real HTTP (HTTPS with a generated CA by default,
/// HTTP/2 like a real API server) on 127.0.0.1, bearer-token and client-certificate authentication mapped to
/// <see cref="KubeGrant"/>s, namespaces, ServiceAccounts, pods, TokenRequest, SelfSubjectAccessReview, discovery,
/// OIDC discovery and JWKS, a simulated pod identity webhook, fault injection and a request log.
/// Faithful enough for <c>kubectl get sa</c>, <c>kubectl get pods -A</c> and <c>kubectl annotate sa</c>.
/// </summary>
public sealed class KubeApiStandIn : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly KubeApiStandInOptions _options;
    private readonly KubeRouter _router;
    private readonly ConcurrentQueue<KubeRequestRecord> _requests = new();
    private readonly bool _ownsAuthority;

    private KubeApiStandIn(WebApplication app, KubeApiStandInOptions options, KubeCertificateAuthority authority, bool ownsAuthority)
    {
        _app = app;
        _options = options;
        _ownsAuthority = ownsAuthority;
        CertificateAuthority = authority;
        Store = new KubeStore { WebhookRegion = options.WebhookRegion, PodIdentity = options.PodIdentity };
        Tokens = new KubeTokenIssuer(options.Issuer);
        _router = new KubeRouter(Store, Tokens, options, () => Endpoint.Authority);
    }

    /// <summary><c>https://127.0.0.1:port</c> (or http when TLS is off).</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1");

    public int Port => Endpoint.Port;

    /// <summary>The CA that signed the server certificate and signs client certificates.</summary>
    public KubeCertificateAuthority CertificateAuthority { get; }

    /// <summary>The CA certificate as PEM, for a kubeconfig's <c>certificate-authority-data</c>.</summary>
    public string CaCertificatePem => CertificateAuthority.CertificatePem;

    public KubeStore Store { get; }

    public KubeAccessControl Access { get; } = new();

    public KubeFaults Faults { get; } = new();

    public KubeTokenIssuer Tokens { get; }

    /// <summary>The most recent requests, oldest first.</summary>
    public IReadOnlyList<KubeRequestRecord> Requests => _requests.ToArray();

    public void ClearRequests() => _requests.Clear();

    /// <summary>Starts the stand-in on 127.0.0.1 and returns once it listens.</summary>
    public static async Task<KubeApiStandIn> StartAsync(KubeApiStandInOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubeApiStandInOptions();
        var ownsAuthority = options.CertificateAuthority is null;
        var authority = options.CertificateAuthority ?? KubeCertificateAuthority.Create();
        var certificate = options.Tls ? options.ServerCertificate ?? authority.IssueServerCertificate(options.ServerNames, options.ServerCertificateForLoopback) : null;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (certificate is null)
                {
                    listen.Protocols = HttpProtocols.Http1;
                    return;
                }

                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificate;
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.AllowAnyClientCertificate();
                });
            });
        });

        var app = builder.Build();
        var standIn = new KubeApiStandIn(app, options, authority, ownsAuthority);
        foreach (var (token, grant) in options.Tokens)
        {
            standIn.AddToken(token, grant);
        }

        options.Seed?.ApplyTo(standIn.Store);
        app.Run(standIn.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        standIn.Endpoint = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}");
        return standIn;
    }

    /// <summary>Adds a bearer token with what it may do.</summary>
    public void AddToken(string token, KubeGrant grant) => Access.AddToken(token, grant);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        string? user = null;
        try
        {
            if (await ServePublicAsync(context, path).ConfigureAwait(false))
            {
                return;
            }

            var grant = Authenticate(context) ?? throw new KubeStatusException(401, "Unauthorized", "Unauthorized");
            user = grant.User;
            var fault = Faults.Take(request.Method, path);
            if (fault is not null)
            {
                switch (fault.Kind)
                {
                    case KubeFaultKind.DropConnection:
                        context.Abort();
                        return;
                    case KubeFaultKind.Slow:
                        await Task.Delay(fault.DelayMilliseconds, context.RequestAborted).ConfigureAwait(false);
                        break;
                    case KubeFaultKind.Forbidden:
                        throw new KubeStatusException(403, "Forbidden", $"the request {request.Method} {path} is forbidden: User \"{grant.User}\" cannot do this (injected fault)");
                    case KubeFaultKind.TooManyRequests:
                        throw new KubeStatusException(429, "TooManyRequests", "Too many requests, please try again later.", retryAfterSeconds: fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    default:
                        throw new KubeStatusException(fault.StatusCode, "InternalError", "Internal error occurred: injected fault");
                }
            }

            await _router.RouteAsync(context, grant).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (timeout): nothing to answer.
        }
        catch (KubeStatusException error)
        {
            if (!context.Response.HasStarted)
            {
                await KubeResponses.WriteStatusAsync(context, error).ConfigureAwait(false);
            }
        }
        finally
        {
            Record(context, path, user);
        }
    }

    private async Task<bool> ServePublicAsync(HttpContext context, string path)
    {
        switch (path)
        {
            case "/.well-known/openid-configuration":
                await KubeResponses.WriteRawAsync(context, 200, Tokens.DiscoveryDocument()).ConfigureAwait(false);
                return true;
            case "/openid/v1/jwks":
            case "/keys":
                await KubeResponses.WriteRawAsync(context, 200, Tokens.Jwks()).ConfigureAwait(false);
                return true;
            case "/healthz":
            case "/livez":
            case "/readyz":
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok").ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private KubeGrant? Authenticate(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Access.FindToken(authorization.Substring("Bearer ".Length).Trim());
        }

        if (authorization.Length > 0)
        {
            return null;
        }

        var certificate = context.Connection.ClientCertificate;
        if (certificate is not null && CertificateAuthority.Signed(certificate))
        {
            return Access.FindCertificateUser(certificate.GetNameInfo(X509NameType.SimpleName, false));
        }

        return null;
    }

    private void Record(HttpContext context, string path, string? user)
    {
        var request = context.Request;
        _requests.Enqueue(new KubeRequestRecord(
            request.Method,
            path,
            request.QueryString.Value ?? string.Empty,
            context.Response.StatusCode,
            user,
            request.ContentType,
            request.Headers.Accept.ToString()));
        while (_requests.Count > _options.RequestLogSize && _requests.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Tokens.Dispose();
        if (_ownsAuthority)
        {
            CertificateAuthority.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
