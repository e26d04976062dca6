using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Kubernetes.Auth;
using IrsaPS.Emulators.Kubernetes;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>
/// A test's own API stand-in (in-process, loopback), an admin token, a scratch directory for kubeconfigs, and clients
/// with fast, recorded retry delays. Disposing stops the server and deletes the directory.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public const string AdminToken = "admin-Tok3n-0123456789abcdefXYZ";

    private TestCluster(KubeApiStandIn server, string directory)
    {
        Server = server;
        Directory = directory;
    }

    public KubeApiStandIn Server { get; }

    public string Directory { get; }

    /// <summary>Every back-off delay the clients of this cluster asked for (they do not actually sleep).</summary>
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public List<KubernetesRequestEvent> Events { get; } = [];

    // One CA and one loopback server certificate for every test: RSA key generation dominates start-up otherwise.
    private static readonly Lazy<KubeCertificateAuthority> SharedAuthority = new(() => KubeCertificateAuthority.Create("irsaps-test-ca"));
    private static readonly Lazy<X509Certificate2> SharedServerCertificate = new(() => SharedAuthority.Value.IssueServerCertificate([]));

    public static KubeCertificateAuthority Authority => SharedAuthority.Value;

    public static async Task<TestCluster> StartAsync(bool tls = true, KubeApiStandInOptions? options = null)
    {
        options ??= new KubeApiStandInOptions();
        var custom = options.ServerNames.Count > 0 || !options.ServerCertificateForLoopback || options.ServerCertificate is not null;
        var server = await KubeApiStandIn.StartAsync(new KubeApiStandInOptions
        {
            Tls = tls,
            Issuer = options.Issuer,
            ServerNames = options.ServerNames,
            ServerCertificateForLoopback = options.ServerCertificateForLoopback,
            ServerCertificate = options.ServerCertificate ?? (custom ? null : SharedServerCertificate.Value),
            CertificateAuthority = options.CertificateAuthority ?? SharedAuthority.Value,
            WebhookRegion = options.WebhookRegion,
        });
        server.AddToken(AdminToken, KubeGrant.ClusterAdmin("admin"));
        var directory = Path.Combine(Path.GetTempPath(), "irsaps-kube-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new TestCluster(server, directory);
    }

    /// <summary>A kubeconfig with one context "test" (namespace <paramref name="ns"/>) and the given user block.</summary>
    public string WriteKubeConfig(string userYaml, string? ns = "web", string? clusterExtra = null, string fileName = "config", bool includeCa = true)
    {
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(Server.CaCertificatePem));
        var builder = new StringBuilder();
        builder.AppendLine("apiVersion: v1");
        builder.AppendLine("kind: Config");
        builder.AppendLine("current-context: test");
        builder.AppendLine("clusters:");
        builder.AppendLine("- name: test");
        builder.AppendLine("  cluster:");
        builder.AppendLine(CultureInfo.InvariantCulture, $"    server: {Server.Endpoint}");
        if (includeCa && Server.Endpoint.Scheme == "https")
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"    certificate-authority-data: {ca}");
        }

        if (clusterExtra is not null)
        {
            builder.AppendLine(clusterExtra);
        }

        builder.AppendLine("contexts:");
        builder.AppendLine("- name: test");
        builder.AppendLine("  context:");
        builder.AppendLine("    cluster: test");
        builder.AppendLine("    user: test");
        if (ns is not null)
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"    namespace: {ns}");
        }

        builder.AppendLine("users:");
        builder.AppendLine("- name: test");
        builder.AppendLine("  user:");
        builder.AppendLine(userYaml);
        var path = Path.Combine(Directory, fileName);
        File.WriteAllText(path, builder.ToString());
        return path;
    }

    public string WriteTokenKubeConfig(string token = AdminToken, string fileName = "config") =>
        WriteKubeConfig($"    token: {token}", fileName: fileName);

    public KubernetesClientOptions ClientOptions(int maxAttempts = 4) => new()
    {
        MaxAttempts = maxAttempts,
        BaseRetryDelay = TimeSpan.FromMilliseconds(100),
        RequestTimeout = TimeSpan.FromSeconds(20),
        Observer = new ListObserver(Events),
        Delay = (delay, _) =>
        {
            Delays.Enqueue(delay);
            return Task.CompletedTask;
        },
    };

    public KubernetesClient Client(string token = AdminToken, int maxAttempts = 4, ExecCredentialCache? cache = null)
    {
        var path = WriteTokenKubeConfig(token, "config-" + Guid.NewGuid().ToString("N"));
        return ClientFor(path, maxAttempts, cache);
    }

    public KubernetesClient ClientFor(string kubeconfig, int maxAttempts = 4, ExecCredentialCache? cache = null, IEksTokenSource? eks = null)
    {
        var connection = KubernetesConnection.FromKubeConfig(new KubernetesConnectionOptions
        {
            KubeConfigPath = kubeconfig,
            ExecCredentialCache = cache ?? new ExecCredentialCache(),
            EksTokenSource = eks,
            Environment = new KubeEnvironment { GetVariable = _ => null, HomeDirectory = Directory },
        });
        return new KubernetesClient(connection, ClientOptions(maxAttempts));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class ListObserver(List<KubernetesRequestEvent> events) : IKubernetesRequestObserver
    {
        public void OnRequestCompleted(KubernetesRequestEvent requestEvent)
        {
            lock (events)
            {
                events.Add(requestEvent);
            }
        }
    }
}
