using System;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Emulators.Moto;
using Xunit;

namespace IrsaPS.Bench.Tests;

/// <summary>One moto_server per test class, started on a free 127.0.0.1 port and killed by its PID afterwards.</summary>
public sealed class MotoClassFixture : IAsyncLifetime
{
    public const string Region = "us-east-1";

    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto is not started.");

    public async Task InitializeAsync() => _server = await MotoServer.StartAsync();

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }

    internal AwsConnection Connect(IAwsCallObserver? observer = null) => AwsConnection.Create(new AwsConnectionSettings
    {
        Region = Region,
        AccessKey = MotoServer.AccessKey,
        SecretKey = MotoServer.SecretKey,
        EndpointUrl = Server.Endpoint.AbsoluteUri,
        Observer = observer,
    });

    /// <summary>A name no other test of the class uses.</summary>
    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
