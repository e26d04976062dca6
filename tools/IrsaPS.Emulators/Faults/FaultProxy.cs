using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Emulators.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IrsaPS.Emulators.Faults;

/// <summary>
/// A loopback reverse proxy in front of an emulator (moto) that injects faults: throttling, HTTP 500/503, access denied,
/// connection resets and latency, either before forwarding (the request never arrives) or after (the emulator
/// applied it, but the answer is lost: the nasty real-world case). Random faults follow a seeded
/// <see cref="FaultPlan"/>; scripted ones follow <see cref="FaultRule"/>s. It counts requests per action, and how
/// many reached the emulator. Requests to <c>/moto-api/</c> pass untouched and uncounted. Thread-safe.
/// It is also the project's emulator layer in front of moto: the <see cref="IAwsEmulatedService"/>s it hosts answer the
/// operations moto lacks (faults apply to them too), and observe what moto answered.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Host", "Content-Length",
    };

    private readonly WebApplication _app;
    /// <summary>Where the counts per action are read (GET) and reset (DELETE): see <see cref="CountsAsync"/>.</summary>
    public const string CountsPath = "/irsaps-emulator/requests";

    private readonly HttpClient _upstreamClient;
    private readonly Uri _upstream;
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _received = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _forwarded = new(StringComparer.Ordinal);
    private readonly List<FaultRecord> _faults = [];
    private readonly List<RequestRecord> _requests = [];
    private readonly List<RuleState> _rules = [];
    private readonly IReadOnlyList<IAwsEmulatedService> _services;
    private FaultPlan _plan;
    private Random _random;
    private int _sequence;

    private FaultProxy(WebApplication app, Uri upstream, FaultPlan plan, IReadOnlyList<IAwsEmulatedService> services)
    {
        _app = app;
        _services = services;
        _upstream = upstream;
        _plan = plan;
        _random = new Random(plan.Seed);
        _upstreamClient = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        })
        { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>: give this as EndpointUrl instead of the emulator's.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The random fault plan; replacing it restarts its random sequence from the new seed.</summary>
    public FaultPlan Plan
    {
        get
        {
            lock (_gate)
            {
                return _plan;
            }
        }

        set
        {
            lock (_gate)
            {
                _plan = value ?? FaultPlan.None;
                _random = new Random(_plan.Seed);
            }
        }
    }

    /// <summary>Requests received, all actions together.</summary>
    public int TotalRequests
    {
        get
        {
            lock (_gate)
            {
                return _received.Values.Sum();
            }
        }
    }

    /// <summary>Faults injected so far, in order.</summary>
    public IReadOnlyList<FaultRecord> Faults
    {
        get
        {
            lock (_gate)
            {
                return _faults.ToArray();
            }
        }
    }

    /// <summary>Every request received so far (moto-api excluded), in order.</summary>
    public IReadOnlyList<RequestRecord> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Starts the proxy on a free 127.0.0.1 port in front of <paramref name="upstream"/>.</summary>
    public static Task<FaultProxy> StartAsync(Uri upstream, FaultPlan? plan = null, CancellationToken cancellationToken = default) =>
        StartAsync(upstream, plan, [], port: 0, cancellationToken);

    /// <summary>
    /// Starts the proxy on 127.0.0.1:<paramref name="port"/> (0: a free one) in front of <paramref name="upstream"/>, with
    /// emulated <paramref name="services"/> answering the operations the upstream lacks.
    /// </summary>
    public static async Task<FaultProxy> StartAsync(
        Uri upstream,
        FaultPlan? plan,
        IReadOnlyList<IAwsEmulatedService> services,
        int port,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();
        var proxy = new FaultProxy(app, upstream, plan ?? FaultPlan.None, services);
        app.Run(proxy.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()?.Addresses.First()
            : null;
        proxy.Endpoint = new Uri(address ?? throw new InvalidOperationException("The fault proxy did not report its address."));
        return proxy;
    }

    /// <summary>Adds a scripted fault.</summary>
    public void AddRule(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(new RuleState(rule));
        }
    }

    public void ClearRules()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>A hard failure from now on: every request gets <paramref name="kind"/> (default: connection reset) until <see cref="ClearRules"/>.</summary>
    public void FailEverything(FaultKind kind = FaultKind.ConnectionReset, FaultPhase phase = FaultPhase.BeforeForward) =>
        AddRule(new FaultRule(null, kind, phase, Times: null));

    /// <summary>Requests received for an action (every attempt counts, faulted or not).</summary>
    public int Received(string action)
    {
        lock (_gate)
        {
            return _received.TryGetValue(action, out var n) ? n : 0;
        }
    }

    /// <summary>Requests for an action that reached the emulator.</summary>
    public int Forwarded(string action)
    {
        lock (_gate)
        {
            return _forwarded.TryGetValue(action, out var n) ? n : 0;
        }
    }

    /// <summary>A copy of the received counts per action.</summary>
    public IReadOnlyDictionary<string, int> ReceivedByAction()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_received, StringComparer.Ordinal);
        }
    }

    /// <summary>Forgets counts and fault records (not the plan or rules).</summary>
    public void ResetCounters()
    {
        lock (_gate)
        {
            _received.Clear();
            _forwarded.Clear();
            _faults.Clear();
            _requests.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _upstreamClient.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (request.Path.StartsWithSegments(CountsPath, StringComparison.Ordinal))
        {
            await CountsAsync(context).ConfigureAwait(false);
            return;
        }

        if (request.Path.StartsWithSegments("/moto-api", StringComparison.Ordinal))
        {
            await ForwardAndRelayAsync(context, body).ConfigureAwait(false);
            return;
        }

        var kind = AwsRequestKind.Of(request.Method, request.Path.Value ?? "/", request.QueryString.Value, request.ContentType, body, request.Headers["X-Amz-Target"].ToString());
        var signed = request.Headers.ContainsKey("Authorization") || request.Query.ContainsKey("X-Amz-Signature");
        var (sequence, fault) = Decide(kind.Action, signed);
        if (fault is { Phase: FaultPhase.BeforeForward } before)
        {
            if (before.Kind == FaultKind.Latency)
            {
                await Task.Delay(Plan.Latency, context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                await InjectAsync(context, before.Kind, kind, sequence).ConfigureAwait(false);
                return;
            }
        }

        var emulated = _services.Count == 0 ? null : EmulatedRequest(context, body, kind);
        var answer = emulated is null ? null : await AnswerAsync(emulated, context.RequestAborted).ConfigureAwait(false);
        using var upstream = answer is null ? await SendUpstreamAsync(context, body).ConfigureAwait(false) : null;
        lock (_gate)
        {
            Increment(_forwarded, kind.Action);
        }

        var payload = upstream is null
            ? answer!.Body
            : await upstream.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
        if (upstream is not null && emulated is not null)
        {
            foreach (var service in _services)
            {
                service.Observe(emulated, (int)upstream.StatusCode, payload);
            }

            foreach (var service in _services)
            {
                payload = service.Rewrite(emulated, (int)upstream.StatusCode, payload);
            }
        }

        if (fault is { Phase: FaultPhase.AfterForward } after)
        {
            if (after.Kind == FaultKind.Latency)
            {
                await Task.Delay(Plan.Latency, context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                await InjectAsync(context, after.Kind, kind, sequence).ConfigureAwait(false);
                return;
            }
        }

        if (upstream is null)
        {
            await WriteAnswerAsync(context, answer!).ConfigureAwait(false);
            return;
        }

        await RelayAsync(context, upstream, payload).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /irsaps-emulator/requests</c> answers the received counts per action as JSON; <c>DELETE</c> resets them. So
    /// tests in any language (Pester included) count the AWS calls a command makes against the sandbox.
    /// </summary>
    private async Task CountsAsync(HttpContext context)
    {
        if (HttpMethods.IsDelete(context.Request.Method))
        {
            ResetCounters();
            context.Response.StatusCode = 204;
            return;
        }

        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ReceivedByAction());
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static AwsEmulatedRequest EmulatedRequest(HttpContext context, byte[] body, AwsRequestKind kind)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in context.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        return new AwsEmulatedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value,
            headers,
            body,
            kind,
            context.Connection.RemoteIpAddress?.ToString());
    }

    private async Task<AwsEmulatedResponse?> AnswerAsync(AwsEmulatedRequest request, CancellationToken cancellationToken)
    {
        foreach (var service in _services)
        {
            if (await service.TryHandleAsync(request, cancellationToken).ConfigureAwait(false) is { } answer)
            {
                return answer;
            }
        }

        return null;
    }

    private static async Task WriteAnswerAsync(HttpContext context, AwsEmulatedResponse answer)
    {
        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = answer.ContentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (answer.Headers is not null)
        {
            foreach (var (name, value) in answer.Headers)
            {
                context.Response.Headers[name] = value;
            }
        }

        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Counts the request and picks its fault: scripted rules first, then the random plan.</summary>
    private (int Sequence, FaultRecord? Fault) Decide(string action, bool signed)
    {
        lock (_gate)
        {
            var sequence = ++_sequence;
            Increment(_received, action);
            _requests.Add(new RequestRecord(sequence, action, signed));
            foreach (var rule in _rules)
            {
                if (rule.TryFire(action))
                {
                    return (sequence, Record(sequence, action, rule.Rule.Kind, rule.Rule.Phase));
                }
            }

            var plan = _plan;
            if (plan.Rate <= 0 || plan.Kinds.Count == 0 || plan.Phases.Count == 0 || (plan.AppliesTo is not null && !plan.AppliesTo(action)))
            {
                return (sequence, null);
            }

            var roll = _random.NextDouble();
            var kindIndex = _random.Next(plan.Kinds.Count);
            var phaseIndex = _random.Next(plan.Phases.Count);
            return roll < plan.Rate ? (sequence, Record(sequence, action, plan.Kinds[kindIndex], plan.Phases[phaseIndex])) : (sequence, null);
        }
    }

    private FaultRecord Record(int sequence, string action, FaultKind kind, FaultPhase phase)
    {
        var record = new FaultRecord(sequence, action, kind, phase);
        _faults.Add(record);
        return record;
    }

    private static async Task InjectAsync(HttpContext context, FaultKind kind, AwsRequestKind request, int sequence)
    {
        if (kind == FaultKind.ConnectionReset)
        {
            context.Abort();
            return;
        }

        var (status, contentType, errorType, body) = FaultResponses.For(kind, request.IsQueryProtocol, sequence, request.IsEc2);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers["x-amzn-RequestId"] = "fault-" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (errorType is not null)
        {
            context.Response.Headers["x-amzn-ErrorType"] = errorType;
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ForwardAndRelayAsync(HttpContext context, byte[] body)
    {
        using var upstream = await SendUpstreamAsync(context, body).ConfigureAwait(false);
        var payload = await upstream.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
        await RelayAsync(context, upstream, payload).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendUpstreamAsync(HttpContext context, byte[] body)
    {
        var request = context.Request;
        var target = new Uri(_upstream, request.Path.Value + request.QueryString.Value);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (body.Length > 0 || !HttpMethods.IsGet(request.Method))
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var header in request.Headers)
        {
            if (HopByHop.Contains(header.Key))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        return await _upstreamClient.SendAsync(message, HttpCompletionOption.ResponseContentRead, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task RelayAsync(HttpContext context, HttpResponseMessage upstream, byte[] payload)
    {
        context.Response.StatusCode = (int)upstream.StatusCode;
        foreach (var header in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (!HopByHop.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        context.Response.ContentLength = payload.Length;
        await context.Response.Body.WriteAsync(payload, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new System.IO.MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

    /// <summary>A rule and how often it has matched and fired.</summary>
    private sealed class RuleState(FaultRule rule)
    {
        private int _matched;
        private int _fired;

        public FaultRule Rule { get; } = rule;

        public bool TryFire(string action)
        {
            if (Rule.Action is not null && !string.Equals(Rule.Action, action, StringComparison.Ordinal))
            {
                return false;
            }

            _matched++;
            if (_matched <= Rule.Skip || (Rule.Times is { } times && _fired >= times))
            {
                return false;
            }

            _fired++;
            return true;
        }
    }
}
