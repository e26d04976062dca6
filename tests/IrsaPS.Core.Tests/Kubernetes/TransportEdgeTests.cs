using System;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Kubernetes.Transport;
using IrsaPS.Emulators.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>Timeouts, proxy-url, and the mapping of the rarer API answers.</summary>
public class TransportEdgeTests
{
    [Fact]
    public async Task SlowServer_TimesOutPerAttempt_ThenAClearTimeoutError()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Faults.Add(KubeFault.SlowAnswer(5, TimeSpan.FromSeconds(5)));
        var connection = KubernetesConnection.FromKubeConfig(new KubernetesConnectionOptions { KubeConfigPath = cluster.WriteTokenKubeConfig() });
        var options = cluster.ClientOptions(maxAttempts: 2);
        using var client = new KubernetesClient(connection, new KubernetesClientOptions
        {
            MaxAttempts = 2,
            RequestTimeout = TimeSpan.FromMilliseconds(300),
            Observer = options.Observer,
            Delay = options.Delay,
        });

        var error = await Assert.ThrowsAsync<KubernetesConnectionException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeTimeout, error.ErrorId);
        Assert.Equal(IrsaErrorKind.Timeout, error.Kind);
        Assert.Contains("did not answer GET /version: 2 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("each waiting up to 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(["timeout", "timeout"], cluster.Events.Select(e => e.Failure));
    }

    [Fact]
    public async Task ProxyUrl_IsUsedForTheConnection()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var proxy = new ConnectProxy();
        using var client = cluster.ClientFor(cluster.WriteKubeConfig($"    token: {TestCluster.AdminToken}", clusterExtra: $"    proxy-url: {proxy.Url}"));

        await client.GetVersionAsync();

        Assert.Contains($"127.0.0.1:{cluster.Server.Port}", proxy.Targets);
    }

    [Theory]
    [InlineData(410, "Expired", ErrorIds.KubeContinueExpired, IrsaErrorKind.ServiceError)]
    [InlineData(418, null, ErrorIds.KubeApiError, IrsaErrorKind.ServiceError)]
    [InlineData(409, "AlreadyExists", ErrorIds.KubeAlreadyExists, IrsaErrorKind.AlreadyExists)]
    [InlineData(409, "Conflict", ErrorIds.KubeConflict, IrsaErrorKind.Conflict)]
    [InlineData(503, "ServiceUnavailable", ErrorIds.KubeServerError, IrsaErrorKind.ServiceError)]
    public void StatusAnswers_MapToTypedErrors(int code, string? reason, string errorId, IrsaErrorKind kind)
    {
        var connection = new KubernetesConnection(new k8s.KubernetesClientConfiguration { Host = "https://k.example.com" }, "none");
        var body = $"{{\"kind\":\"Status\",\"reason\":{(reason is null ? "null" : "\"" + reason + "\"")},\"message\":\"the server said so\"}}";

        var error = KubernetesErrors.FromStatus(connection, "GET", "/api/v1/pods", code, body, "web/app", 1);

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(kind, error.Kind);
        Assert.Equal("web/app", error.Target);
        Assert.Contains("the server said so", error.Message, StringComparison.Ordinal);
    }
}
