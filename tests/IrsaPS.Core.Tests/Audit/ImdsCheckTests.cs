using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Audit.Checks;
using IrsaPS.Core.Audit.Reports;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>IRSA011's IMDS half over hand-built snapshots: planted exposures, clean look-alikes, what cannot be judged, report output.</summary>
public class ImdsCheckTests
{
    private const string V1 = "i-0000000000000000a";
    private const string Hop2 = "i-0000000000000000b";
    private const string Safe = "i-0000000000000000c";
    private const string InstanceArnPrefix = "arn:aws:ec2:us-east-1:" + Account + ":instance/";

    /// <summary>web/app and web/api annotated, web/plain not.</summary>
    private static SnapshotBuilder World() => new SnapshotBuilder()
        .ServiceAccount("web", "app", "app-role")
        .ServiceAccount("web", "api", "api-role")
        .ServiceAccount("web", "plain");

    private static List<IrsaFinding> Imds(SnapshotBuilder builder) =>
        builder.Run("IRSA011").Where(f => !f.Message.Contains("hostNetwork: true", StringComparison.Ordinal)).ToList();

    [Fact]
    public void ImdsV1Allowed_IsHigh_OncePerInstance_CountingItsIrsaPods()
    {
        var builder = World().Node("ip-1", V1, labels: new Dictionary<string, string> { [KubeNode.NodeGroupLabel] = "workers" }).Instance(V1, httpTokens: "optional")
            .Pod("web", "app-1", "app", node: "ip-1").Pod("web", "app-2", "app", node: "ip-1")
            .Pod("web", "api-1", "api", ownerName: "api-6c7d", node: "ip-1")
            .Pod("web", "plain-1", "plain", injected: false, ownerName: "plain-1", node: "ip-1");

        var finding = Assert.Single(Imds(builder));

        Assert.Equal("IRSA011", finding.CheckId);
        Assert.Equal("HostNetworkIrsaPod", finding.CheckName);
        Assert.Equal(IrsaSeverity.High, finding.Severity);
        Assert.Equal(InstanceArnPrefix + V1, finding.Resource);
        Assert.Equal(
            $"Node ip-1 (EC2 instance {V1}, node group workers) lets its pods reach the instance metadata service: IMDSv1 is allowed (HttpTokens=optional). "
            + "3 pod(s) of 2 IRSA service account(s) (web/api, web/app) run there off the host network and can take the node role's credentials "
            + "(instance profile arn:aws:iam::123456789012:instance-profile/eks-node) besides their own IRSA role.",
            finding.Message);
        Assert.StartsWith($"Require IMDSv2 with a hop limit of 1 on the instance: aws ec2 modify-instance-metadata-options --instance-id {V1} --http-tokens required --http-put-response-hop-limit 1 --region us-east-1. ", finding.Remediation, StringComparison.Ordinal);
        Assert.Contains("the launch template of node group workers", finding.Remediation, StringComparison.Ordinal);
        Assert.Equal("3", finding.Properties["Pods"]);
        Assert.Equal("2", finding.Properties["ServiceAccounts"]);
        Assert.Equal("ip-1", finding.Properties["NodeName"]);
        Assert.Equal("workers", finding.Properties["NodeGroup"]);
        Assert.Equal("prod", finding.ClusterName);
        Assert.Null(finding.ServiceAccountName);
        Assert.Null(finding.RoleArn);
    }

    [Fact]
    public void HopLimitOfTwo_WithIMDSv2Required_IsHigh_AndNamesTheOneServiceAccount()
    {
        var builder = World().Node("ip-2", Hop2).Instance(Hop2, hopLimit: 2, launchTemplate: "lt-0123456789abcdef0")
            .Pod("web", "app-1", "app", node: "ip-2");

        var finding = Assert.Single(Imds(builder));

        Assert.Contains("lets its pods reach the instance metadata service: IMDSv2 tokens reach the pod network (HttpPutResponseHopLimit=2).", finding.Message, StringComparison.Ordinal);
        Assert.Contains("1 pod(s) of 1 IRSA service account(s) (web/app)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("its launch template lt-0123456789abcdef0 (version 3)", finding.Remediation, StringComparison.Ordinal);
        Assert.Equal("web", finding.Namespace);
        Assert.Equal("app", finding.ServiceAccountName);
        Assert.Equal(RoleArn("app-role"), finding.RoleArn);
        Assert.Equal("app-role", finding.RoleName);
        Assert.Equal("2", finding.Properties["HttpPutResponseHopLimit"]);
    }

    [Fact]
    public void ImdsV1AndAHighHopLimit_GiveBothReasons()
    {
        var builder = World().Node("ip-1", V1).Instance(V1, httpTokens: "optional", hopLimit: 3).Pod("web", "app-1", "app", node: "ip-1");

        var finding = Assert.Single(Imds(builder));

        Assert.Contains("IMDSv1 is allowed (HttpTokens=optional) and IMDSv2 tokens reach the pod network (HttpPutResponseHopLimit=3).", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoNodeObjectsOfOneInstance_GiveOneFinding_WithAllTheirPods()
    {
        var builder = World().Node("ip-1", V1).Node("ip-1-stale", V1).Instance(V1, httpTokens: "optional")
            .Pod("web", "a-1", "app", node: "ip-1").Pod("web", "a-2", "api", node: "ip-1-stale");

        var finding = Assert.Single(Imds(builder));

        Assert.Equal("2", finding.Properties["Pods"]);
        Assert.Equal("2", finding.Properties["ServiceAccounts"]);
    }

    [Fact]
    public void CleanLookAlikes_AreNotReported()
    {
        var builder = World()
            .Node("required-hop1", Safe).Instance(Safe).Pod("web", "a-1", "app", node: "required-hop1")
            .Node("endpoint-off", "i-0000000000000000d").Instance("i-0000000000000000d", httpTokens: "optional", hopLimit: 2, httpEndpoint: "disabled").Pod("web", "a-2", "app", node: "endpoint-off")
            .Node("no-profile", "i-0000000000000000e").Instance("i-0000000000000000e", httpTokens: "optional", profile: null).Pod("web", "a-3", "app", node: "no-profile")
            .Node("terminated", "i-0000000000000000f").Instance("i-0000000000000000f", httpTokens: "optional", state: "terminated").Pod("web", "a-4", "app", node: "terminated")
            .Node("fargate-ip-10-0-1-1", providerId: "aws:///us-east-1a/0a1b2c3d4e-5f6/fargate-ip-10-0-1-1.ec2.internal").Pod("web", "a-5", "app", node: "fargate-ip-10-0-1-1")
            .Node("fargate-labelled", providerId: "aws:///us-east-1a/" + V1, labels: new Dictionary<string, string> { [KubeNode.ComputeTypeLabel] = "fargate" }).Pod("web", "a-6", "app", node: "fargate-labelled")
            .Node("mi-0123456789abcdef0", providerId: "eks-hybrid:///us-west-2/prod/mi-0123456789abcdef0", labels: new Dictionary<string, string> { [KubeNode.ComputeTypeLabel] = "hybrid" }).Pod("web", "a-7", "app", node: "mi-0123456789abcdef0")
            .Node("open", Hop2).Instance(Hop2, httpTokens: "optional", hopLimit: 2)
            .Pod("web", "plain-1", "plain", injected: false, ownerName: "plain-1", node: "open")       // not an IRSA service account
            .Pod("web", "done-1", "app", node: "open", phase: "Succeeded")                             // finished
            .Pod("web", "failed-1", "app", node: "open", phase: "Failed")
            .Pod("web", "pending-1", "app", phase: "Pending")                                          // not scheduled yet
            .Instance(V1, httpTokens: "optional");                                                     // an open instance no node of ours uses

        Assert.Empty(builder.Run("IRSA011"));
    }

    [Fact]
    public void HostNetworkPods_OnAnOpenInstance_AreReportedPerWorkload_NotAsIMDSExposure()
    {
        var builder = World().Node("ip-1", V1).Instance(V1, httpTokens: "optional")
            .Pod("web", "app-7d9f8b6c5d-a", "app", hostNetwork: true, node: "ip-1");

        var finding = Assert.Single(builder.Run("IRSA011"));

        Assert.Equal("web/ReplicaSet/app-7d9f8b6c5d", finding.Resource);
        Assert.Contains("hostNetwork: true", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NodesThatCannotBeJudged_AreListedInOneInfoFinding()
    {
        var builder = World()
            .Node("ip-1", V1).Instance(V1, httpTokens: null, hopLimit: null)        // no metadata options in the answer
            .Node("ip-2", Hop2)                                                       // instance not found
            .Node("kind-worker", providerId: "kind://docker/kind/kind-worker")
            .Node("bare")
            .Pod("web", "a-1", "app", node: "ip-1").Pod("web", "a-2", "app", node: "ip-2").Pod("web", "a-3", "api", node: "ip-2")
            .Pod("web", "a-4", "app", node: "kind-worker").Pod("web", "a-5", "app", node: "bare").Pod("web", "a-6", "app", node: "vanished");

        var finding = Assert.Single(builder.Run("IRSA011"));

        Assert.Equal(IrsaSeverity.Info, finding.Severity);
        Assert.Equal("arn:aws:eks:us-east-1:" + Account + ":cluster/prod", finding.Resource);
        Assert.StartsWith("IRSA011 could not judge the instance metadata options of 5 node(s) running 6 pod(s) of IRSA service accounts off the host network: ", finding.Message, StringComparison.Ordinal);
        Assert.Contains("bare (no provider id), ip-1 (" + V1 + ": EC2 returned no metadata options for it), ip-2 (" + Hop2 + " not found in us-east-1) and 2 more", finding.Message, StringComparison.Ordinal);
        Assert.Equal("5", finding.Properties["Nodes"]);
        Assert.Equal("6", finding.Properties["Pods"]);
        Assert.Equal(AuditCheck.Fingerprint("IRSA011", finding.Resource, "imds-unverified"), finding.Fingerprint);
    }

    [Fact]
    public void WhenInstancesCouldNotBeRead_OneInfoFindingSaysSo_AndNothingIsGuessed()
    {
        var builder = World().Node("ip-1", V1).Pod("web", "a-1", "app", node: "ip-1").Pod("web", "a-2", "api", node: "ip-1");
        builder.NodeInstancesUnavailable = "ec2:DescribeInstances was denied (UnauthorizedOperation) for the nodes' 1 EC2 instance(s)";

        var finding = Assert.Single(builder.Run("IRSA011"));

        Assert.Equal(IrsaSeverity.Info, finding.Severity);
        Assert.Equal(
            "The IMDS half of IRSA011 was not checked: ec2:DescribeInstances was denied (UnauthorizedOperation) for the nodes' 1 EC2 instance(s). "
            + "2 pod(s) of IRSA service accounts run off the host network on 1 node(s); whether they can take the node role's credentials from IMDS is unknown.",
            finding.Message);
        Assert.StartsWith("Allow the auditing identity ec2:DescribeInstances", finding.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenUnavailable_ButNoPodToJudge_NothingIsReported()
    {
        var builder = World().Pod("web", "a-1", "app", hostNetwork: true, node: "ip-1", phase: "Succeeded");
        builder.NodeInstancesUnavailable = "listing nodes was forbidden (...)";

        Assert.Empty(builder.Run("IRSA011"));
    }

    [Fact]
    public void WithoutNodeData_TheImdsHalfStaysSilent_AndTheHostNetworkHalfStillRuns()
    {
        var builder = new SnapshotBuilder { Gathered = AuditNeeds.ServiceAccounts | AuditNeeds.Pods }
            .ServiceAccount("web", "app", "app-role")
            .Node("ip-1", V1).Instance(V1, httpTokens: "optional")
            .Pod("web", "app-1", "app", node: "ip-1")
            .Pod("web", "app-7d9f8b6c5d-h", "app", hostNetwork: true, node: "ip-1");

        var finding = Assert.Single(builder.Run("IRSA011"));

        Assert.Contains("hostNetwork: true", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_IsThePerInstanceIdentity_NotTheWording()
    {
        var one = Assert.Single(Imds(World().Node("ip-1", V1).Instance(V1, httpTokens: "optional").Pod("web", "a-1", "app", node: "ip-1")));
        var more = Assert.Single(Imds(World().Node("ip-1", V1).Instance(V1, hopLimit: 2).Pod("web", "a-1", "app", node: "ip-1").Pod("web", "a-2", "api", node: "ip-1")));

        Assert.Equal(one.Fingerprint, more.Fingerprint);
        Assert.Equal(AuditCheck.Fingerprint("IRSA011", InstanceArnPrefix + V1, "imds"), one.Fingerprint);
    }

    [Fact]
    public void Findings_AreOrdered_ByCheckAndResource()
    {
        var builder = World()
            .Node("z-node", V1).Instance(V1, httpTokens: "optional").Pod("web", "a-1", "app", node: "z-node")
            .Node("a-node", Hop2).Instance(Hop2, hopLimit: 2).Pod("web", "a-2", "api", node: "a-node")
            .Pod("web", "a-3", "app", node: "nowhere");

        var findings = builder.Run("IRSA011");

        Assert.Equal([InstanceArnPrefix + V1, InstanceArnPrefix + Hop2, "arn:aws:eks:us-east-1:" + Account + ":cluster/prod"], findings.Select(f => f.Resource));
    }

    [Fact]
    public void CatalogEntry_ReadsNodesAndInstances_AndDescribesTheImdsHalf()
    {
        var info = AuditCheckCatalog.Find("IRSA011")!;

        Assert.Equal(AuditNeeds.ServiceAccounts | AuditNeeds.Pods | AuditNeeds.NodeInstances, info.Needs);
        Assert.True(info.InDefaultSet);
        Assert.Contains("HttpTokens=optional", info.Description, StringComparison.Ordinal);
        Assert.Contains("HttpPutResponseHopLimit of 2 or more", info.Description, StringComparison.Ordinal);
        Assert.Contains("Fargate", info.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Not covered (yet)", info.Description, StringComparison.Ordinal);
        Assert.Same(info, AuditCheckCatalog.Find("HostNetworkIrsaPod"));
    }

    [Fact]
    public void ImdsFindings_SerialiseToSarifAndJUnit()
    {
        var builder = World()
            .Node("ip-1", V1).Instance(V1, httpTokens: "optional").Pod("web", "a-1", "app", node: "ip-1").Pod("web", "a-2", "api", node: "ip-1")
            .Pod("web", "a-3", "app", node: "vanished");
        var result = IrsaAuditor.Evaluate(builder.Build(), new AuditOptions { Checks = ["IRSA011"] });
        Assert.Equal(2, result.Findings.Count);

        using var sarif = JsonDocument.Parse(SarifReportWriter.ToJson(result));
        SarifSchema.Validate(sarif.RootElement);
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        Assert.Equal(AuditCheckCatalog.Find("IRSA011")!.Description, rule.GetProperty("fullDescription").GetProperty("text").GetString());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        var high = results.Single(r => r.GetProperty("level").GetString() == "error");
        Assert.Equal($"aws/{Account}/ec2/instance/{V1}", high.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(InstanceArnPrefix + V1, high.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        Assert.Contains("2 pod(s) of 2 IRSA service account(s)", high.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(["error", "note"], results.Select(r => r.GetProperty("level").GetString()).Order(StringComparer.Ordinal));

        var junit = XDocument.Parse(JUnitReportWriter.ToXml(result, IrsaSeverity.High));
        var suite = Assert.Single(junit.Root!.Elements("testsuite"));
        Assert.Equal(2, suite.Elements("testcase").Count());
        var failure = Assert.Single(junit.Descendants("failure"));
        Assert.Equal(InstanceArnPrefix + V1, failure.Parent!.Attribute("name")!.Value);
        Assert.Equal("High", failure.Attribute("type")!.Value);
    }
}
