using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Web;
using IrsaPS.Emulators;

namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP server that answers every request with what the test tells it and records what it received:
/// for operations moto does not implement, and for exact wire assertions (parameters, signature headers).
/// </summary>
public sealed class CannedAwsServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<CannedRequest, (int Status, string ContentType, string Body)> _answer;
    private readonly List<CannedRequest> _received = [];
    private readonly CancellationTokenSource _stop = new();

    public CannedAwsServer(Func<CannedRequest, (int Status, string ContentType, string Body)> answer)
    {
        _answer = answer;
        var port = Loopback.FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<CannedRequest> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToArray();
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var request = new CannedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.AbsolutePath,
                context.Request.Url.Query,
                context.Request.Headers["Authorization"],
                body);
            lock (_received)
            {
                _received.Add(request);
            }

            var (status, contentType, answer) = _answer(request);
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}

/// <summary>A request the canned server received.</summary>
public sealed record CannedRequest(string Method, string Path, string Query, string? Authorization, string Body)
{
    /// <summary>A form parameter of the body (Query protocol).</summary>
    public string? Form(string name) => HttpUtility.ParseQueryString(Body)[name];
}
