using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Tests.Operations;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>An endpoint that accepts connections and never answers: the wait is bounded in total, shown as progress, and the error names the endpoint.</summary>
public sealed class SilentServerTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "irsaps-silent-" + Guid.NewGuid().ToString("N"));

    public SilentServerTests()
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    lock (_accepted)
                    {
                        _accepted.Add(client); // read nothing, answer nothing
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        });
        Directory.CreateDirectory(_directory);
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Fact]
    public async Task AcceptingButSilentServer_IsBoundedByTheTotalTimeout_WithProgress_AndNamed()
    {
        var kubeconfig = Path.Combine(_directory, "config");
        File.WriteAllText(kubeconfig, $"current-context: s\nclusters:\n- {{name: s, cluster: {{server: 'http://127.0.0.1:{Port}'}}}}\nusers:\n- {{name: u, user: {{token: abc}}}}\ncontexts:\n- {{name: s, context: {{cluster: s, user: u}}}}\n");
        var host = new RecordingHost();
        using var client = new KubernetesClient(
            KubernetesConnection.FromKubeConfig(new KubernetesConnectionOptions { KubeConfigPath = kubeconfig }),
            new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(1), TotalTimeout = TimeSpan.FromSeconds(3), Observer = new OperationHostRequestObserver(host) });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<KubernetesConnectionException>(() => client.ListServiceAccountsAsync("web"));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(6));
        Assert.Equal(ErrorIds.KubeTimeout, error.ErrorId);
        Assert.Equal(IrsaErrorKind.Timeout, error.Kind);
        Assert.Contains($"127.0.0.1:{Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("all bounded by 3 s", error.Message, StringComparison.Ordinal);
        Assert.Contains(KubernetesClientOptions.TimeoutVariable, error.Message, StringComparison.Ordinal);
        var progress = host.Progress.Where(p => p.ActivityId == OperationHostRequestObserver.RetryActivity).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Contains($"127.0.0.1:{Port}", p.Status, StringComparison.Ordinal));
        Assert.Contains(host.Verbose, v => v.Contains("timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_BoundARequestToTensOfSeconds()
    {
        var defaults = new KubernetesClientOptions();
        Assert.Equal(TimeSpan.FromSeconds(15), defaults.RequestTimeout);
        Assert.Equal(KubernetesClientOptions.FromEnvironment() ?? TimeSpan.FromSeconds(30), defaults.TotalTimeout);
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_accepted)
        {
            _accepted.ForEach(c => c.Dispose());
        }

        Directory.Delete(_directory, recursive: true);
    }
}
