using System;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Emulators.Faults;
using IrsaPS.Emulators.Moto;
using Xunit;

namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>
/// One moto_server per test class (use as <c>IClassFixture&lt;MotoFixture&gt;</c>): started on a free 127.0.0.1 port
/// before the class's first test, killed by its PID after the last. Tests inside a class run one after another and
/// share the account, so each test uses its own names (<see cref="Names.Unique"/>). Classes run in parallel, each
/// with its own server.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public const string Region = "us-east-1";

    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto is not started.");

    public Uri Endpoint => Server.Endpoint;

    public async Task InitializeAsync() => _server = await MotoServer.StartAsync();

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Forgets every resource: a clean account.</summary>
    public Task ResetAsync() => Server.ResetAsync();

    /// <summary>A fault-injecting proxy in front of this moto; connect through it with <c>Connect(endpoint: proxy.Endpoint)</c>. Dispose it.</summary>
    public Task<FaultProxy> StartProxyAsync(FaultPlan? plan = null) => FaultProxy.StartAsync(Endpoint, plan);

    /// <summary>
    /// A connection to this moto (or to <paramref name="endpoint"/>, e.g. a fault proxy in front of it) with moto's
    /// fake keys, so no credential lookup touches the machine's profiles or the network.
    /// </summary>
    internal AwsConnection Connect(
        IAwsCallObserver? observer = null, Uri? endpoint = null, int? maxErrorRetry = null, string region = Region, TimeSpan? callTimeout = null, TimeSpan? attemptTimeout = null) =>
        AwsConnection.Create(new AwsConnectionSettings
        {
            Region = region,
            AccessKey = MotoServer.AccessKey,
            SecretKey = MotoServer.SecretKey,
            EndpointUrl = (endpoint ?? Endpoint).AbsoluteUri,
            Observer = observer,
            MaxErrorRetry = maxErrorRetry,
            CallTimeout = callTimeout,
            Timeout = attemptTimeout,
        });
}
