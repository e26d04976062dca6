using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Ec2;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Emulators.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>Nodes against the stand-in: what the client projects (provider id, Fargate, hybrid, node group), paging, RBAC, kubectl.</summary>
public class NodeWireTests
{
    [Fact]
    public async Task ListNodes_ProjectsProviderIdAndLabels_InCeilNOverPageSizeRequests()
    {
        await using var cluster = await TestCluster.StartAsync();
        var store = cluster.Server.Store;
        store.CreateNode("ip-10-0-1-17.ec2.internal", "aws:///us-east-1a/i-0123456789abcdef0", new Dictionary<string, string> { [KubeNode.NodeGroupLabel] = "workers" });
        store.CreateNode("ip-10-0-2-31.ec2.internal", "aws:///us-east-1b/i-0fedcba9876543210", new Dictionary<string, string> { [KubeNode.NodePoolLabel] = "default", [KubeNode.ComputeTypeLabel] = "auto" });
        store.CreateNode("ip-10-0-3-9.ec2.internal", "aws:///us-east-1c/i-01234567");
        store.CreateNode("fargate-ip-10-0-4-4.ec2.internal", "aws:///us-east-1a/0a1b2c3d4e-5f60718293a4b5c6d7e8f9a0b1c2d3e4/fargate-ip-10-0-4-4.ec2.internal", new Dictionary<string, string> { [KubeNode.ComputeTypeLabel] = "fargate" });
        store.CreateNode("mi-0123456789abcdef0", "eks-hybrid:///us-west-2/prod/mi-0123456789abcdef0", new Dictionary<string, string> { [KubeNode.ComputeTypeLabel] = "hybrid" });
        store.CreateNode("kind-worker", "kind://docker/kind/kind-worker");
        store.CreateNode("bare");
        using var client = cluster.Client();

        var nodes = (await client.ListNodesAsync(new KubeListOptions { PageSize = 3 })).ToDictionary(n => n.Name);

        Assert.Equal(7, nodes.Count);
        Assert.Equal(3, cluster.Server.Requests.Count(r => r.Path == "/api/v1/nodes"));
        var first = nodes["ip-10-0-1-17.ec2.internal"];
        Assert.Equal("i-0123456789abcdef0", first.InstanceId);
        Assert.Equal("us-east-1a", first.AvailabilityZone);
        Assert.Equal("workers", first.NodeGroup);
        Assert.False(first.IsFargate);
        Assert.Null(first.ComputeType);
        Assert.NotNull(first.CreationTimestamp);
        Assert.False(string.IsNullOrEmpty(first.Uid));
        Assert.Equal("default", nodes["ip-10-0-2-31.ec2.internal"].NodeGroup);
        Assert.Equal("auto", nodes["ip-10-0-2-31.ec2.internal"].ComputeType);
        Assert.Equal("i-01234567", nodes["ip-10-0-3-9.ec2.internal"].InstanceId);
        var fargate = nodes["fargate-ip-10-0-4-4.ec2.internal"];
        Assert.True(fargate.IsFargate);
        Assert.Null(fargate.InstanceId);
        Assert.True(nodes["mi-0123456789abcdef0"].IsHybrid);
        Assert.Null(nodes["mi-0123456789abcdef0"].InstanceId);
        Assert.Null(nodes["kind-worker"].InstanceId);
        Assert.Null(nodes["bare"].ProviderId);
        Assert.Null(nodes["bare"].InstanceId);
    }

    [Fact]
    public async Task ListNodes_NeedsAClusterWideGrant()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.CreateNode("node-1", "aws:///us-east-1a/i-0123456789abcdef0");
        cluster.Server.AddToken("web-only-token-0123456789", KubeGrant.InNamespaces("dev", "web"));
        using var client = cluster.Client("web-only-token-0123456789", maxAttempts: 1);

        var error = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.ListNodesAsync());

        Assert.Contains("cannot list resource \"nodes\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("at the cluster scope", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws:///us-east-1a/i-0123456789abcdef0", "us-east-1a", "i-0123456789abcdef0")]
    [InlineData("aws://us-east-1a/i-0123456789abcdef0", "us-east-1a", "i-0123456789abcdef0")]   // older clusters: the zone as host
    [InlineData("aws:///eu-west-1c/i-1a2b3c4d", "eu-west-1c", "i-1a2b3c4d")]
    [InlineData("aws:////i-0123456789abcdef0", "", "i-0123456789abcdef0")]
    [InlineData("aws:///us-east-1a/0a1b2c3d4e-5f6/fargate-ip-10-0-4-4.ec2.internal", "us-east-1a", null)]
    [InlineData("aws:///us-east-1a/i-0123456789ABCDEF0", "us-east-1a", null)]
    [InlineData("aws:///us-east-1a/", "us-east-1a", null)]
    public void AwsProviderId_ParsesZoneAndInstance(string providerId, string zone, string? instanceId)
    {
        var parsed = AwsProviderId.TryParse(providerId);

        Assert.NotNull(parsed);
        Assert.Equal(zone, parsed!.AvailabilityZone);
        Assert.Equal(instanceId, parsed.InstanceId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gce://project/zone/node")]
    [InlineData("eks-hybrid:///us-west-2/prod/mi-0123456789abcdef0")]
    public void AwsProviderId_OfOtherProviders_IsNull(string? providerId) => Assert.Null(AwsProviderId.TryParse(providerId));

    [Fact]
    public async Task SeedFile_WithNodes_CreatesThem_AndReapplyingKeepsThem()
    {
        await using var cluster = await TestCluster.StartAsync();
        var path = Path.Combine(cluster.Directory, "seed.json");
        await File.WriteAllTextAsync(path, "{\"nodes\":[{\"name\":\"ip-10-0-1-17.ec2.internal\",\"providerId\":\"aws:///us-east-1a/i-0123456789abcdef0\",\"labels\":{\"eks.amazonaws.com/nodegroup\":\"workers\"}},{\"name\":\"bare\"}]}");
        var seed = KubeSeed.Load(path);

        seed.ApplyTo(cluster.Server.Store);
        seed.ApplyTo(cluster.Server.Store);
        using var client = cluster.Client();
        var nodes = await client.ListNodesAsync();

        Assert.Equal(["bare", "ip-10-0-1-17.ec2.internal"], nodes.Select(n => n.Name));
        Assert.Equal("i-0123456789abcdef0", nodes[1].InstanceId);
        Assert.Equal("workers", nodes[1].NodeGroup);
        Assert.Contains("\"providerId\": \"aws:///us-east-1a/i-0123456789abcdef0\"", seed.ToJson(), StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task Kubectl_CreateAndGetNodes_WorkAgainstTheStandIn()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.CreateNode("ip-10-0-1-17.ec2.internal", "aws:///us-east-1a/i-0123456789abcdef0");
        var kubeconfig = cluster.WriteTokenKubeConfig();
        var manifest = Path.Combine(cluster.Directory, "node.json");
        await File.WriteAllTextAsync(manifest, "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"ip-10-0-2-31.ec2.internal\",\"labels\":{\"eks.amazonaws.com/nodegroup\":\"workers\"}},\"spec\":{\"providerID\":\"aws:///us-east-1b/i-0fedcba9876543210\"}}");

        var created = await KubectlCompatibilityTests.RunAsync(cluster, kubeconfig, "create", "--validate=false", "-f", manifest);   // the stand-in serves no OpenAPI schema
        var table = await KubectlCompatibilityTests.RunAsync(cluster, kubeconfig, "get", "nodes");
        var ids = await KubectlCompatibilityTests.RunAsync(cluster, kubeconfig, "get", "no", "-o", "jsonpath={.items[*].spec.providerID}");

        Assert.Contains("node/ip-10-0-2-31.ec2.internal created", created, StringComparison.Ordinal);
        Assert.Matches(@"NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION", table);
        Assert.Matches(@"ip-10-0-1-17\.ec2\.internal\s+Ready\s+<none>\s+\S+\s+v1\.31", table);
        Assert.Equal("aws:///us-east-1a/i-0123456789abcdef0 aws:///us-east-1b/i-0fedcba9876543210", ids.Trim());
        Assert.Equal("workers", cluster.Server.Store.GetNode("ip-10-0-2-31.ec2.internal").Meta.Labels[KubeNode.NodeGroupLabel]);
    }
}
