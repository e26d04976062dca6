using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Faults;
using IrsaPS.Emulators.Kubernetes;
using IrsaPS.Emulators.Moto;
using Xunit;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>
/// IRSA011's IMDS half against moto (EC2 instances with MetadataOptions and instance profiles) and the API stand-in (nodes
/// with provider ids): what it reports, the exact calls it makes, and that a denied DescribeInstances does not fail the audit.
/// </summary>
public sealed class ImdsAuditWireTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public ImdsAuditWireTests(MotoFixture moto) => _moto = moto;

    private static string InstanceArn(string id) => $"arn:aws:ec2:{MotoFixture.Region}:{MotoServer.AccountId}:instance/{id}";

    [Fact]
    public async Task Audit_ReportsEachInstanceOpenToPods_Once_WithItsPods_AndMakesExactlyTheCallsItNeeds()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        var profile = await world.InstanceProfileAsync();
        var v1 = await world.NodeAsync("n-v1", new SeedInstance(InstanceProfileArn: profile), new Dictionary<string, string> { [KubeNode.NodeGroupLabel] = "workers" });   // EC2's defaults: IMDSv1 allowed
        var hop2 = await world.NodeAsync("n-hop2", new SeedInstance("required", 2, InstanceProfileArn: profile, AvailabilityZone: "us-east-1b"));
        await world.NodeAsync("n-safe", new SeedInstance("required", 1, InstanceProfileArn: profile));
        await world.NodeAsync("n-off", new SeedInstance("optional", 2, "disabled", profile));
        await world.NodeAsync("n-noprofile", new SeedInstance("optional", 2));
        await world.NodeAsync("fargate-ip-10-0-9-9.ec2.internal", labels: new Dictionary<string, string> { [KubeNode.ComputeTypeLabel] = "fargate" }, providerId: "aws:///us-east-1a/0a1b2c3d4e-5f6/fargate-ip-10-0-9-9.ec2.internal");
        await world.NodeAsync("n-gone", providerId: "aws:///us-east-1a/" + MotoEc2Seed.UnknownInstanceId(7));
        await world.NodeAsync("n-idle-1", new SeedInstance(InstanceProfileArn: profile));   // IMDSv1, but no IRSA pod on it
        await world.NodeAsync("n-idle-2");
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("app"));
        world.ServiceAccount("web", "api", AuditWorld.RoleArn("api"));
        world.ServiceAccount("web", "plain");
        world.Pod("web", "app-5d9f8b6c4d-1", "app", node: "n-v1");
        world.Pod("web", "app-5d9f8b6c4d-2", "app", node: "n-v1");
        world.Pod("web", "api-6c7d8e9f0a-1", "api", ownerName: "api-6c7d8e9f0a", node: "n-v1");
        world.Pod("web", "app-5d9f8b6c4d-3", "app", node: "n-hop2");
        world.Pod("web", "app-5d9f8b6c4d-4", "app", node: "n-hop2", phase: "Succeeded");         // finished: not counted
        world.Pod("web", "plain-7e8f9a0b1c-1", "plain", ownerName: "plain-7e8f9a0b1c", node: "n-hop2");   // no IRSA: not counted
        world.Pod("web", "app-5d9f8b6c4d-5", "app", node: "n-safe");
        world.Pod("web", "app-5d9f8b6c4d-6", "app", node: "n-safe", hostNetwork: true, ownerName: "app-host");  // the host-network half
        world.Pod("web", "app-5d9f8b6c4d-7", "app", node: "n-off");
        world.Pod("web", "app-5d9f8b6c4d-8", "app", node: "n-noprofile");
        world.Pod("web", "app-5d9f8b6c4d-9", "app", node: "fargate-ip-10-0-9-9.ec2.internal");
        world.Pod("web", "app-5d9f8b6c4d-a", "app", node: "n-gone");
        world.Pod("web", "app-5d9f8b6c4d-b", "app", node: "n-vanished");
        world.Calls.Reset();

        var result = await new IrsaAuditor(world.Aws, world.Client).RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA011"], KubernetesPageSize = 4 });

        var findings = result.FindingsOf("IRSA011");
        Assert.Equal(4, findings.Count);

        var open = findings.Where(f => f.Resource.StartsWith("arn:aws:ec2:", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { InstanceArn(v1!), InstanceArn(hop2!) }.Order(StringComparer.Ordinal), open.Select(f => f.Resource));
        Assert.All(open, f => Assert.Equal(IrsaSeverity.High, f.Severity));
        var onV1 = open.Single(f => f.Resource == InstanceArn(v1!));
        Assert.Contains("Node n-v1 (EC2 instance " + v1 + ", node group workers) lets its pods reach the instance metadata service: IMDSv1 is allowed (HttpTokens=optional).", onV1.Message, StringComparison.Ordinal);
        Assert.Contains("3 pod(s) of 2 IRSA service account(s) (web/api, web/app)", onV1.Message, StringComparison.Ordinal);
        Assert.Contains("(instance profile " + profile + ")", onV1.Message, StringComparison.Ordinal);
        Assert.Contains($"aws ec2 modify-instance-metadata-options --instance-id {v1} --http-tokens required --http-put-response-hop-limit 1 --region us-east-1", onV1.Remediation, StringComparison.Ordinal);
        Assert.Contains("the launch template of node group workers", onV1.Remediation, StringComparison.Ordinal);
        Assert.Equal("3", onV1.Properties["Pods"]);
        Assert.Equal("2", onV1.Properties["ServiceAccounts"]);
        Assert.Equal("optional", onV1.Properties["HttpTokens"]);
        Assert.Null(onV1.Namespace);                      // several service accounts: none to pipe
        var onHop2 = open.Single(f => f.Resource == InstanceArn(hop2!));
        Assert.Contains("IMDSv2 tokens reach the pod network (HttpPutResponseHopLimit=2)", onHop2.Message, StringComparison.Ordinal);
        Assert.Contains("1 pod(s) of 1 IRSA service account(s) (web/app)", onHop2.Message, StringComparison.Ordinal);
        Assert.Equal("web", onHop2.Namespace);
        Assert.Equal("app", onHop2.ServiceAccountName);
        Assert.Equal(AuditWorld.RoleArn("app"), onHop2.RoleArn);
        Assert.Equal("n-hop2", onHop2.Properties["NodeName"]);

        var host = Assert.Single(findings, f => f.Resource == "web/ReplicaSet/app-host");
        Assert.Contains("hostNetwork: true", host.Message, StringComparison.Ordinal);

        var unverified = Assert.Single(findings, f => f.Severity == IrsaSeverity.Info);
        Assert.Equal($"arn:aws:eks:us-east-1:{MotoServer.AccountId}:cluster/{world.ClusterName}", unverified.Resource);
        Assert.Contains("2 node(s) running 2 pod(s)", unverified.Message, StringComparison.Ordinal);
        Assert.Contains($"n-gone ({MotoEc2Seed.UnknownInstanceId(7)} not found in us-east-1)", unverified.Message, StringComparison.Ordinal);
        Assert.Contains("n-vanished (no such node)", unverified.Message, StringComparison.Ordinal);

        // 9 nodes at 4 per page; the 6 EC2 instance ids of the kept nodes (not Fargate, not idle) in one DescribeInstances.
        Assert.Equal(3, world.KubeRequests("/api/v1/nodes"));
        Assert.Equal(9, result.Statistics.NodesListed);
        Assert.Equal(5, result.Statistics.Instances);
        Assert.Equal(
            new Dictionary<string, int> { ["EC2 DescribeInstances"] = 1, ["EKS DescribeCluster"] = 1, ["STS GetCallerIdentity"] = 1 },
            world.Calls.CallsByOperation().OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));
    }

    [Fact]
    public async Task Audit_OfManyNodes_ListsThemInCeilNOverPageSize_AndDescribesInstancesInCeilNOver200Calls()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        var profile = await world.InstanceProfileAsync();
        var safe = await MotoEc2Seed.RunManyAsync(world.Moto.Endpoint, 240, new SeedInstance("required", 1, InstanceProfileArn: profile));
        // One call each: moto gives the instance profile only to the first instance of a multi-instance RunInstances.
        var open = await MotoEc2Seed.RunInstancesAsync(world.Moto.Endpoint, [.. Enumerable.Repeat(new SeedInstance("optional", 1, InstanceProfileArn: profile), 3)]);
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("app"));
        var i = 0;
        foreach (var id in safe.Concat(open))
        {
            var node = "ip-10-0-" + (i / 250).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + (i % 250).ToString(System.Globalization.CultureInfo.InvariantCulture);
            world.Store.CreateNode(node, "aws:///us-east-1a/" + id);
            world.Pod("web", "app-5d9f8b6c4d-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), "app", node: node);
            i++;
        }

        world.Calls.Reset();
        var result = await new IrsaAuditor(world.Aws, world.Client).RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA011"] });

        // 243 nodes at 500 per page: 1 request; 243 instance ids at 200 per DescribeInstances: 2 calls.
        Assert.Equal(open.Select(InstanceArn).Order(StringComparer.Ordinal), result.FindingsOf("IRSA011").Select(f => f.Resource));
        Assert.Equal(243, result.Statistics.NodesListed);
        Assert.Equal(243, result.Statistics.Instances);
        Assert.Equal(1, world.KubeRequests("/api/v1/nodes"));
        Assert.Equal(2, world.Calls.Calls("EC2", "DescribeInstances"));
    }

    [Fact]
    public async Task Audit_ReadsNoNodesAndNoInstances_WhenNoIrsaPodRunsOffTheHostNetwork_OrIrsa011IsNotSelected()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await world.NodeAsync("node-1", new SeedInstance());
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("app"));
        world.ServiceAccount("kube-system", "agent");
        world.Pod("web", "app-5d9f8b6c4d-1", "app", hostNetwork: true);
        world.Pod("web", "app-5d9f8b6c4d-2", "app", phase: "Failed");
        world.Pod("kube-system", "agent-1", "agent");
        var auditor = new IrsaAuditor(world.Aws, world.Client);
        world.Calls.Reset();

        var onlyHostNetwork = await auditor.RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA011"] });
        world.Pod("web", "app-5d9f8b6c4d-3", "app");
        var notSelected = await auditor.RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA012"] });

        Assert.Equal("web/ReplicaSet/app-5d9f8b6c4d", Assert.Single(onlyHostNetwork.FindingsOf("IRSA011")).Resource);
        Assert.Equal(0, onlyHostNetwork.Statistics.NodesListed);
        Assert.Equal(0, world.KubeRequests("/api/v1/nodes"));
        Assert.Equal(0, world.Calls.Calls("EC2", "DescribeInstances"));
        Assert.Empty(notSelected.FindingsOf("IRSA011"));
    }

    [Fact]
    public async Task Audit_WhenDescribeInstancesIsDenied_ReportsThatTheImdsHalfWasNotChecked_AndGoesOn()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await world.NodeAsync("node-1", new SeedInstance(InstanceProfileArn: await world.InstanceProfileAsync()));
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("app"));
        world.ServiceAccount("web", "ghost", AuditWorld.RoleArn("does-not-exist"));
        world.Pod("web", "app-5d9f8b6c4d-1", "app");
        world.Pod("web", "app-5d9f8b6c4d-2", "app", hostNetwork: true, ownerName: "app-host");
        await using var proxy = await _moto.StartProxyAsync();
        proxy.AddRule(new FaultRule("DescribeInstances", FaultKind.AccessDenied, FaultPhase.BeforeForward, Times: null));
        var calls = new IrsaPS.Core.Aws.AwsCallCounter();
        using var aws = _moto.Connect(calls, proxy.Endpoint);

        var result = await new IrsaAuditor(aws, world.Client).RunAsync(world.ClusterName);

        var irsa011 = result.FindingsOf("IRSA011");
        Assert.Equal(2, irsa011.Count);
        Assert.Equal("web/ReplicaSet/app-host", irsa011.Single(f => f.Severity == IrsaSeverity.High).Resource);   // the host-network half still runs
        var notChecked = irsa011.Single(f => f.Severity == IrsaSeverity.Info);
        Assert.StartsWith("The IMDS half of IRSA011 was not checked: ec2:DescribeInstances was denied (UnauthorizedOperation) for the nodes' 1 EC2 instance(s).", notChecked.Message, StringComparison.Ordinal);
        Assert.Contains("1 pod(s) of IRSA service accounts run off the host network on 1 node(s)", notChecked.Message, StringComparison.Ordinal);
        Assert.Contains("ec2:DescribeInstances", notChecked.Remediation, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.CheckId == "IRSA006" && f.Resource == "web/ghost");   // the other checks ran
        Assert.Equal(1, calls.Attempts("EC2", "DescribeInstances"));                                  // denied is final: not retried
        Assert.Equal(1, proxy.Received("DescribeInstances"));
        Assert.Equal(0, proxy.Forwarded("DescribeInstances"));
    }

    [Fact]
    public async Task Audit_WhenListingNodesIsForbidden_ReportsThatTheImdsHalfWasNotChecked_AndGoesOn()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await world.NodeAsync("node-1", new SeedInstance());
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("app"));
        world.Pod("web", "app-5d9f8b6c4d-1", "app");
        world.Kube.Server.Faults.Add(KubeFault.Forbidden(10, "/api/v1/nodes"));

        var result = await new IrsaAuditor(world.Aws, world.Client).RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA011"] });

        var finding = Assert.Single(result.FindingsOf("IRSA011"));
        Assert.Equal(IrsaSeverity.Info, finding.Severity);
        Assert.StartsWith("The IMDS half of IRSA011 was not checked: listing nodes was forbidden (", finding.Message, StringComparison.Ordinal);
        Assert.Equal(1, world.KubeRequests("/api/v1/nodes"));
        Assert.Equal(0, world.Calls.Calls("EC2", "DescribeInstances"));
    }
}
