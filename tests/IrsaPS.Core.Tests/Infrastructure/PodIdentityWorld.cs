using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Tests.Operations;
using IrsaPS.Emulators.Eks;
using IrsaPS.Emulators.Faults;
using IrsaPS.Emulators.Kubernetes;
using IrsaPS.Emulators.Moto;
using Xunit;

namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>
/// An EKS Pod Identity world per test class, as the sandbox runs it: moto (IAM, EKS 1.31 cluster "demo", STS) behind the
/// project's emulator layer (<see cref="FaultProxy"/> hosting <see cref="PodIdentityEmulator"/>, which counts every
/// request per action), and the Kubernetes API stand-in whose webhook reads the same association store, with two Linux
/// EC2 nodes running the eks-pod-identity-agent DaemonSet. All on free loopback ports, owned and stopped by the fixture.
/// </summary>
public sealed class PodIdentityWorld : IAsyncLifetime
{
    public const string ClusterName = "demo";
    public const string AccountId = MotoServer.AccountId;
    public const string Region = MotoFixture.Region;
    public const string AdminToken = "podid-admin-T0ken-1a2b3c4d5e6f";

    private string? _directory;

    public MotoServer Moto { get; private set; } = null!;

    public FaultProxy Proxy { get; private set; } = null!;

    public PodIdentityEmulator Emulator { get; private set; } = null!;

    public PodIdentityAssociationStore Associations => Emulator.Store;

    public KubeApiStandIn Kube { get; private set; } = null!;

    public string Issuer { get; private set; } = string.Empty;

    public string ClusterArn { get; private set; } = string.Empty;

    public string KubeConfigPath { get; private set; } = string.Empty;

    /// <summary>The AWS endpoint tests use: the emulator layer.</summary>
    public Uri Endpoint => Proxy.Endpoint;

    public async Task InitializeAsync()
    {
        Moto = await MotoServer.StartAsync();
        await MotoSeed.CreateClusterAsync(Moto.Endpoint, ClusterName, version: "1.31");
        Emulator = new PodIdentityEmulator(Moto.Endpoint);
        Proxy = await FaultProxy.StartAsync(Moto.Endpoint, FaultPlan.None, [Emulator], port: 0);
        using (var aws = Connect())
        {
            var cluster = (await aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = ClusterName })).Cluster;
            Issuer = cluster.OidcIssuer!;
            ClusterArn = cluster.Arn;
        }

        Kube = await KubeApiStandIn.StartAsync(new KubeApiStandInOptions
        {
            Issuer = Issuer,
            WebhookRegion = Region,
            PodIdentity = Associations.ForCluster(Region, ClusterName),
            Seed = new KubeSeed
            {
                Nodes =
                [
                    new KubeSeedNode("ip-10-0-1-10.ec2.internal", "aws:///us-east-1a/i-0aaaaaaaaaaaaaaa1", new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" }),
                    new KubeSeedNode("ip-10-0-2-20.ec2.internal", "aws:///us-east-1b/i-0aaaaaaaaaaaaaaa2", new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" }),
                ],
                DaemonSets = [KubeSeedDaemonSet.PodIdentityAgent()],
            },
        });
        Kube.AddToken(AdminToken, KubeGrant.ClusterAdmin("admin"));
        _directory = Path.Combine(Path.GetTempPath(), "irsaps-podid-" + Guid.NewGuid().ToString("N"));
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
            .AppendLine(CultureInfo.InvariantCulture, $"    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(Kube.CaCertificatePem))}")
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
        await Proxy.DisposeAsync();
        Emulator.Dispose();
        Moto.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A connection through the emulator layer (or straight to moto with <paramref name="direct"/>).</summary>
    internal AwsConnection Connect(IAwsCallObserver? observer = null, bool direct = false) => AwsConnection.Create(new AwsConnectionSettings
    {
        Region = Region,
        AccessKey = MotoServer.AccessKey,
        SecretKey = MotoServer.SecretKey,
        EndpointUrl = (direct || Proxy is null ? Moto.Endpoint : Proxy.Endpoint).AbsoluteUri,
        Observer = observer,
    });

    /// <summary>A session as a cmdlet would build it, through the emulator layer, with fast test timings.</summary>
    internal IrsaSession Session(RecordingHost host, IAwsCallObserver? observer = null, IrsaOperationOptions? options = null) =>
        new(
            new IrsaSessionSettings
            {
                Aws = new AwsConnectionSettings
                {
                    Region = Region,
                    AccessKey = MotoServer.AccessKey,
                    SecretKey = MotoServer.SecretKey,
                    EndpointUrl = Proxy.Endpoint.AbsoluteUri,
                    Observer = observer,
                },
                KubeConfigPath = KubeConfigPath,
                KubernetesClient = new KubernetesClientOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(5), MaxRetryDelay = TimeSpan.FromMilliseconds(20) },
                Options = options ?? IrsaWorld.FastOptions,
            },
            host);

    /// <summary>A namespace, a service account (with annotations) and <paramref name="pods"/> running pods of it on the first node.</summary>
    public void AddWorkload(string ns, string name, IReadOnlyDictionary<string, string>? annotations = null, int pods = 1, string node = "ip-10-0-1-10.ec2.internal")
    {
        Kube.Store.EnsureNamespace(ns);
        if (Kube.Store.FindServiceAccount(ns, name) is null)
        {
            Kube.Store.CreateServiceAccount(ns, name, annotations);
        }

        for (var i = 0; i < pods; i++)
        {
            CreatePod(ns, name, node);
        }
    }

    /// <summary>A new running pod of the service account (the webhook decides its environment now).</summary>
    public KubePodObject CreatePod(string ns, string serviceAccount, string node = "ip-10-0-1-10.ec2.internal") =>
        Kube.Store.CreatePod(new KubeSeedPod(ns, serviceAccount + "-" + Guid.NewGuid().ToString("N")[..8], serviceAccount, node, OwnerKind: "ReplicaSet", OwnerName: serviceAccount + "-5d8f9c7b6").ToObject());

    /// <summary>Deletes every pod of the service account and starts <paramref name="count"/> new ones: kubectl rollout restart.</summary>
    public void Restart(string ns, string serviceAccount, int count = 1)
    {
        var query = KubeListQuery.Parse(ns, new Dictionary<string, string?> { ["fieldSelector"] = "spec.serviceAccountName=" + serviceAccount });
        foreach (var pod in Kube.Store.ListPods(query, out _, out _, out _).ToList())
        {
            Kube.Store.DeletePod(ns, pod.Meta.Name);
        }

        for (var i = 0; i < count; i++)
        {
            CreatePod(ns, serviceAccount);
        }
    }

    /// <summary>A role in moto with the given trust (e.g. an IRSA trust for a service account).</summary>
    public async Task<string> CreateRoleAsync(string name, string trust)
    {
        using var aws = Connect(direct: true);
        var role = await aws.Iam.CreateRoleAsync(new IrsaPS.Core.Aws.Iam.Model.CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = trust });
        return role.Role.Arn;
    }

    /// <summary>The IRSA trust document for one service account of demo, optionally with more statements after it.</summary>
    public string IrsaTrust(string ns, string name, params string[] extraStatements)
    {
        var host = Issuer.Substring("https://".Length);
        var irsa = "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::" + AccountId + ":oidc-provider/" + host + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" + host + ":sub\":\"system:serviceaccount:" + ns + ":" + name + "\",\"" + host + ":aud\":\"sts.amazonaws.com\"}}}";
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", new[] { irsa }.Concat(extraStatements)) + "]}";
    }

    /// <summary>The role's trust as IAM holds it now.</summary>
    public async Task<string> TrustOfAsync(string roleName)
    {
        using var aws = Connect(direct: true);
        var role = await aws.Iam.GetRoleAsync(new IrsaPS.Core.Aws.Iam.Model.GetRoleRequest { RoleName = roleName });
        return IrsaPS.Core.Policy.PolicyDocument.Parse(role.Role.AssumeRolePolicyDocument!).ToJson();
    }
}
