using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Core.Tests.Kubernetes;
using IrsaPS.Core.Validation;
using IrsaPS.Emulators.Kubernetes;
using IrsaPS.Emulators.Moto;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>
/// A sandbox for wire tests: an EKS cluster in the test class's moto (account reset first), optionally its IAM OIDC provider,
/// and this test's own Kubernetes API stand-in whose TokenRequest issuer is the cluster's issuer. Roles, service accounts and
/// pods are planted through the helpers; the AWS connection and the Kubernetes client count every call.
/// </summary>
internal sealed class AuditWorld : IAsyncDisposable
{
    private AuditWorld(MotoFixture moto, TestCluster kube, string clusterName, OidcIssuer issuer)
    {
        Moto = moto;
        Kube = kube;
        ClusterName = clusterName;
        Issuer = issuer;
        Calls = new AwsCallCounter();
        Aws = moto.Connect(Calls);
        Client = kube.Client();
    }

    public MotoFixture Moto { get; }

    public TestCluster Kube { get; }

    public string ClusterName { get; }

    public OidcIssuer Issuer { get; }

    public AwsCallCounter Calls { get; }

    public AwsConnection Aws { get; }

    public KubernetesClient Client { get; }

    public KubeStore Store => Kube.Server.Store;

    public string ProviderArn => Issuer.ProviderArn("aws", MotoServer.AccountId);

    public IrsaCluster Cluster => new()
    {
        ClusterName = ClusterName,
        Issuer = Issuer.Url,
        AccountId = MotoServer.AccountId,
        Partition = "aws",
        Region = MotoFixture.Region,
        OidcProviderArn = ProviderArn,
    };

    public static async Task<AuditWorld> StartAsync(MotoFixture moto, bool registerProvider = true, string clusterName = "prod")
    {
        await moto.ResetAsync();
        await MotoSeed.CreateClusterAsync(moto.Endpoint, clusterName);
        using var setup = moto.Connect();
        var cluster = (await setup.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = clusterName })).Cluster;
        var issuer = OidcIssuer.Parse(cluster.OidcIssuer);
        if (registerProvider)
        {
            await setup.Iam.CreateOpenIDConnectProviderAsync(new CreateOpenIDConnectProviderRequest { Url = issuer.Url, ClientIDList = ["sts.amazonaws.com"], ThumbprintList = [new string('a', 40)] });
        }

        var kube = await TestCluster.StartAsync(options: new KubeApiStandInOptions { Issuer = issuer.Url });
        return new AuditWorld(moto, kube, clusterName, issuer);
    }

    /// <summary>The usual IRSA trust for the given subjects of this cluster.</summary>
    public string Trust(params string[] subjects) =>
        IrsaPS.Core.Policy.TrustPolicyBuilder.BuildJson("aws", MotoServer.AccountId, subjects.Select(s => IrsaPS.Core.Policy.IrsaSubject.FromSubjectValue(Issuer, s)));

    public async Task<string> CreateRoleAsync(string name, string trust, IEnumerable<string>? managed = null, IDictionary<string, string>? inline = null)
    {
        using var setup = Moto.Connect();
        var role = await setup.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = trust });
        foreach (var arn in managed ?? [])
        {
            await setup.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = name, PolicyArn = arn });
        }

        foreach (var pair in inline ?? new Dictionary<string, string>())
        {
            await setup.Iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = name, PolicyName = pair.Key, PolicyDocument = pair.Value });
        }

        return role.Role.Arn;
    }

    public static string RoleArn(string name) => $"arn:aws:iam::{MotoServer.AccountId}:role/{name}";

    public void ServiceAccount(string ns, string name, string? roleArn = null, string? audience = null)
    {
        Store.EnsureNamespace(ns);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (roleArn is not null)
        {
            annotations[IrsaAnnotationKeys.RoleArn] = roleArn;
        }

        if (audience is not null)
        {
            annotations[IrsaAnnotationKeys.Audience] = audience;
        }

        Store.CreateServiceAccount(ns, name, annotations);
    }

    public void Annotate(string ns, string name, string roleArn) =>
        Store.UpdateServiceAccount(ns, name, null, sa => (sa.Meta.Labels, new Dictionary<string, string>(StringComparer.Ordinal) { [IrsaAnnotationKeys.RoleArn] = roleArn }, sa.AutomountServiceAccountToken));

    public void Pod(string ns, string name, string serviceAccount, bool hostNetwork = false, string ownerName = "app-5d9f8b6c4d", string node = "node-1", string phase = "Running") =>
        Store.CreatePod(new KubeSeedPod(ns, name, serviceAccount, node, HostNetwork: hostNetwork, Phase: phase, OwnerKind: "ReplicaSet", OwnerName: ownerName).ToObject());

    /// <summary>
    /// A node in the stand-in; with <paramref name="instance"/>, backed by a new EC2 instance in moto (provider id
    /// <c>aws:///zone/i-...</c>). Returns the instance id (null without one).
    /// </summary>
    public async Task<string?> NodeAsync(string name, SeedInstance? instance = null, IReadOnlyDictionary<string, string>? labels = null, string? providerId = null)
    {
        var id = instance is null ? null : (await MotoEc2Seed.RunInstancesAsync(Moto.Endpoint, instance))[0];
        Store.CreateNode(name, providerId ?? (id is null ? null : $"aws:///{instance!.AvailabilityZone}/{id}"), labels);
        return id;
    }

    /// <summary>A node role in an instance profile, as EKS node groups have; returns the profile's ARN.</summary>
    public Task<string> InstanceProfileAsync(string name = "eks-node-role") => MotoEc2Seed.CreateInstanceProfileAsync(Moto.Endpoint, name);

    /// <summary>Kubernetes GET requests whose path starts with <paramref name="prefix"/> (retries included).</summary>
    public int KubeRequests(string prefix)
    {
        lock (Kube.Events)
        {
            return Kube.Events.Count(e => e.Method == "GET" && e.Path.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    public int KubeRequestCount
    {
        get
        {
            lock (Kube.Events)
            {
                return Kube.Events.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Aws.Dispose();
        await Kube.DisposeAsync();
    }
}
