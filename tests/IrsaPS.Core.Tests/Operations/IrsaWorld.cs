using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Kubernetes;
using IrsaPS.Emulators.Moto;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>
/// A whole IRSA world per test class: moto (IAM, EKS, STS) with an EKS cluster "demo", and a Kubernetes API stand-in whose
/// tokens are issued by demo's issuer, with a kubeconfig whose context names the cluster. Both are owned by the
/// fixture, on free loopback ports, and stopped by it.
/// </summary>
public sealed class IrsaWorld : IAsyncLifetime
{
    public const string ClusterName = "demo";
    public const string AccountId = MotoServer.AccountId;
    public const string AdminToken = "world-admin-T0ken-9f8e7d6c5b4a";

    private string? _directory;

    public MotoServer Moto { get; private set; } = null!;

    public KubeApiStandIn Kube { get; private set; } = null!;

    public string Issuer { get; private set; } = string.Empty;

    public string IssuerHostPath => Issuer.Substring("https://".Length);

    public string ProviderArn => $"arn:aws:iam::{AccountId}:oidc-provider/{IssuerHostPath}";

    public string KubeConfigPath { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Moto = await MotoServer.StartAsync();
        await MotoSeed.CreateClusterAsync(Moto.Endpoint, ClusterName);
        using (var aws = Connect())
        {
            var cluster = (await aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = ClusterName })).Cluster;
            Issuer = cluster.OidcIssuer!;
        }

        Kube = await KubeApiStandIn.StartAsync(new KubeApiStandInOptions { Tls = false, Issuer = Issuer, WebhookRegion = MotoFixture.Region });
        Kube.AddToken(AdminToken, KubeGrant.ClusterAdmin("admin"));
        _directory = Path.Combine(Path.GetTempPath(), "irsaps-world-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        KubeConfigPath = Path.Combine(_directory, "kubeconfig");
        var config = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine("current-context: demo")
            .AppendLine("clusters:")
            .AppendLine("- name: demo")
            .AppendLine("  cluster:")
            .AppendLine(CultureInfo.InvariantCulture, $"    server: {Kube.Endpoint}")
            .AppendLine("contexts:")
            .AppendLine("- name: demo")
            .AppendLine("  context: {cluster: demo, user: admin, namespace: default}")
            .AppendLine("users:")
            .AppendLine("- name: admin")
            .AppendLine(CultureInfo.InvariantCulture, $"  user: {{token: {AdminToken}}}")
            .ToString();
        await File.WriteAllTextAsync(KubeConfigPath, config);
    }

    public async Task DisposeAsync()
    {
        await Kube.DisposeAsync();
        Moto.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A direct AWS connection to moto (for arranging and asserting state behind the operations' back).</summary>
    internal AwsConnection Connect(IAwsCallObserver? observer = null) => AwsConnection.Create(new AwsConnectionSettings
    {
        Region = MotoFixture.Region,
        AccessKey = MotoServer.AccessKey,
        SecretKey = MotoServer.SecretKey,
        EndpointUrl = Moto.Endpoint.AbsoluteUri,
        Observer = observer,
    });

    /// <summary>A session as a cmdlet would build it, optionally through a fault proxy and with fast test timings.</summary>
    internal IrsaSession Session(RecordingHost host, Uri? awsEndpoint = null, IAwsCallObserver? observer = null, IrsaOperationOptions? options = null, int? maxErrorRetry = null) =>
        new(
            new IrsaSessionSettings
            {
                Aws = new AwsConnectionSettings
                {
                    Region = MotoFixture.Region,
                    AccessKey = MotoServer.AccessKey,
                    SecretKey = MotoServer.SecretKey,
                    EndpointUrl = (awsEndpoint ?? Moto.Endpoint).AbsoluteUri,
                    Observer = observer,
                    MaxErrorRetry = maxErrorRetry,
                },
                KubeConfigPath = KubeConfigPath,
                KubernetesClient = new KubernetesClientOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(5), MaxRetryDelay = TimeSpan.FromMilliseconds(20) },
                Options = options ?? FastOptions,
            },
            host);

    internal static readonly IrsaOperationOptions FastOptions = new()
    {
        TrustSettleDelay = TimeSpan.FromMilliseconds(100),
        ConsistencyInitialDelay = TimeSpan.FromMilliseconds(20),
        ConsistencyTimeout = TimeSpan.FromSeconds(10),
    };
}
