using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Audit.Reports;
using IrsaPS.Core.Models;
using IrsaPS.Core.Templates;
using IrsaPS.Core.Tests.Templates;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>IRSA040 ControllerPolicyOutdated and IRSA041 ControllerPolicyUnscoped: planted outdated or broad roles, and look-alikes that are fine.</summary>
public class ControllerPolicyCheckTests
{
    private const string Zone = "arn:aws:route53:::hostedzone/Z0123456789ABC";

    // eksctl's externalDNS well-known policy (pkg/cfn/builder/statement.go): ListTagsForResource and record changes in every zone.
    private const string EksctlExternalDns =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["route53:ChangeResourceRecordSets"],"Resource":"arn:aws:route53:::hostedzone/*"},{"Effect":"Allow","Action":["route53:ListHostedZones","route53:ListResourceRecordSets","route53:ListTagsForResource"],"Resource":"*"}]}""";

    // The VPC CNI's IPv4 policy before v1.23.0 (no ec2:DescribeSecurityGroups).
    private const string Cni122 =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:AssignPrivateIpAddresses","ec2:AttachNetworkInterface","ec2:CreateNetworkInterface","ec2:DeleteNetworkInterface","ec2:DescribeInstances","ec2:DescribeTags","ec2:DescribeNetworkInterfaces","ec2:DescribeInstanceTypes","ec2:DescribeSubnets","ec2:DetachNetworkInterface","ec2:ModifyNetworkInterfaceAttribute","ec2:UnassignPrivateIpAddresses"],"Resource":"*"},{"Effect":"Allow","Action":["ec2:CreateTags"],"Resource":["arn:aws:ec2:*:*:network-interface/*"]}]}""";

    private static string Rendered(string template, Dictionary<string, IReadOnlyList<string>>? parameters = null, string? role = null, bool allowUnscoped = false) =>
        PolicyTemplateRenderer.Render(PolicyTemplateCatalog.Find(template), role, TemplateSamples.Context(), parameters, allowUnscoped).InlinePolicy!;

    private static Dictionary<string, IReadOnlyList<string>> P(string name, params string[] values) => new() { [name] = values };

    private static SnapshotBuilder Controller(SnapshotBuilder builder, string roleName, string ns, string sa, IReadOnlyList<string>? attached = null, params (string Name, string Json)[] inline) =>
        builder
            .Role(roleName, Irsa([Sub(ns, sa)]), attached: attached ?? [], inline: inline.Select(i => new AuditInlinePolicy(i.Name, i.Json)).ToList())
            .ServiceAccount(ns, sa, roleName);

    [Fact]
    public void EksctlsExternalDnsPolicyIsOutdatedAndUnscoped()
    {
        var builder = Controller(new SnapshotBuilder(), "eksctl-external-dns", "default", "external-dns", null, ("PolicyExternalDNS", EksctlExternalDns));

        var outdated = Assert.Single(builder.Run("IRSA040"));
        Assert.Equal(RoleArn("eksctl-external-dns"), outdated.Resource);
        Assert.Equal(IrsaSeverity.Medium, outdated.Severity);
        Assert.Equal("route53:ListTagsForResources", outdated.Properties["MissingActions"]);
        Assert.Equal(("ExternalDns", "0.22.0"), (outdated.Properties["PolicyTemplate"], outdated.Properties["TemplateVersion"]));
        Assert.Equal(("default", "external-dns"), (outdated.Namespace, outdated.ServiceAccountName));
        Assert.Contains("-PolicyTemplate ExternalDns", outdated.Remediation, StringComparison.Ordinal);

        var unscoped = Assert.Single(builder.Run("IRSA041"));
        Assert.Equal(IrsaSeverity.High, unscoped.Severity);
        Assert.Equal("HostedZoneArn", unscoped.Properties["Parameter"]);
        Assert.Contains("route53:ChangeResourceRecordSets", unscoped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARoleMadeFromTheCatalogWithAScopeIsClean()
    {
        var builder = Controller(new SnapshotBuilder(), "external-dns", "default", "external-dns", null, ("IrsaPS-ExternalDns", Rendered("ExternalDns", P("HostedZoneArn", Zone))));

        Assert.Empty(builder.Run("IRSA040"));
        Assert.Empty(builder.Run("IRSA041"));
    }

    [Fact]
    public void ARoleMadeWithAllowUnscopedIsReportedAsUnscopedButNotOutdated()
    {
        var builder = Controller(new SnapshotBuilder(), "velero", "velero", "velero", null, ("IrsaPS-Velero", Rendered("Velero", allowUnscoped: true)));

        Assert.Empty(builder.Run("IRSA040"));
        var findings = builder.Run("IRSA041");
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("BucketArn", f.Properties["Parameter"]));
    }

    [Fact]
    public void TheVpcCniOn122LacksDescribeSecurityGroups_TheManagedPolicyDoesNot()
    {
        var builder = Controller(new SnapshotBuilder(), "cni-old", "kube-system", "aws-node", null, ("cni", Cni122));
        var outdated = Assert.Single(builder.Run("IRSA040"));
        Assert.Equal("ec2:DescribeSecurityGroups", outdated.Properties["MissingActions"]);
        Assert.Equal("VpcCni", outdated.Properties["PolicyTemplate"]);

        var managed = Controller(new SnapshotBuilder(), "cni", "kube-system", "aws-node", ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
        Assert.Empty(managed.Run("IRSA040"));
        Assert.Empty(managed.Run("IRSA041"));
    }

    [Fact]
    public void RolesWhosePoliciesCannotBeReadAreNotJudgedOnMissingActions()
    {
        var builder = Controller(new SnapshotBuilder(), "ebs-v1", "kube-system", "ebs-csi-controller-sa", ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"])
            .ServiceAccount("kube-system", "ebs-csi-node-sa");
        var unread = new SnapshotBuilder()
            .Role("lbc", Irsa([Sub("kube-system", "aws-load-balancer-controller")]))
            .ServiceAccount("kube-system", "aws-load-balancer-controller", "lbc");

        Assert.Empty(builder.Run("IRSA040"));
        Assert.Empty(unread.Run("IRSA040"));
        Assert.Empty(unread.Run("IRSA041"));
    }

    [Fact]
    public void ARoleFoundByItsTrustAloneIsCompared()
    {
        var full = Rendered("AwsLoadBalancerController");
        var trimmed = full.Replace(",\"elasticloadbalancing:DescribeCapacityReservation\"", string.Empty, StringComparison.Ordinal);
        var builder = new SnapshotBuilder()
            .Role("lbc-ok", Irsa([Sub("kube-system", "aws-load-balancer-controller")]), attached: [], inline: [new AuditInlinePolicy("lbc", full)])
            .Role("lbc-old", Irsa([Sub("kube-system", "aws-load-balancer-controller")]), attached: [], inline: [new AuditInlinePolicy("lbc", trimmed)]);

        var finding = Assert.Single(builder.Run("IRSA040"));
        Assert.Equal(RoleArn("lbc-old"), finding.Resource);
        Assert.Equal("elasticloadbalancing:DescribeCapacityReservation", finding.Properties["MissingActions"]);
        Assert.Null(finding.ServiceAccountName);
    }

    [Fact]
    public void ASubsetEntrySharingTheServiceAccountIsRecognised()
    {
        var groups = P("TargetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef");
        var subset = Controller(new SnapshotBuilder(), "tgb", "kube-system", "aws-load-balancer-controller", null, ("tgb", Rendered("AwsLoadBalancerControllerTargetGroupBinding", groups)));
        var broad = Controller(new SnapshotBuilder(), "tgb", "kube-system", "aws-load-balancer-controller", null, ("tgb", Rendered("AwsLoadBalancerControllerTargetGroupBinding", allowUnscoped: true)));

        Assert.Empty(subset.Run("IRSA040"));
        Assert.Empty(subset.Run("IRSA041"));
        Assert.Equal("AwsLoadBalancerControllerTargetGroupBinding", Assert.Single(broad.Run("IRSA041")).Properties["PolicyTemplate"]);
    }

    [Fact]
    public void TheSamePolicyOnAnUncataloguedServiceAccountIsNotTheChecksBusiness()
    {
        var builder = Controller(new SnapshotBuilder(), "dns-tool", "tools", "dns-sync", null, ("dns", EksctlExternalDns));

        Assert.Empty(builder.Run("IRSA040"));
        Assert.Empty(builder.Run("IRSA041"));
    }

    [Fact]
    public void ACustomerManagedPolicyIsReadAndAConditionBoundsTheWrite()
    {
        const string policyArn = "arn:aws:iam::123456789012:policy/nth";
        const string broad = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["autoscaling:CompleteLifecycleAction","autoscaling:DescribeAutoScalingInstances","autoscaling:DescribeTags","ec2:DescribeInstances","sqs:DeleteMessage","sqs:ReceiveMessage"],"Resource":"*"}]}""";
        const string bounded = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["autoscaling:CompleteLifecycleAction","autoscaling:DescribeAutoScalingInstances","autoscaling:DescribeTags","ec2:DescribeInstances","sqs:DeleteMessage","sqs:ReceiveMessage"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"platform"}}}]}""";
        var broadRole = Controller(new SnapshotBuilder(), "nth", "kube-system", "aws-node-termination-handler", [policyArn]).ManagedPolicy(policyArn, broad);
        var boundedRole = Controller(new SnapshotBuilder(), "nth", "kube-system", "aws-node-termination-handler", [policyArn]).ManagedPolicy(policyArn, bounded);

        var finding = Assert.Single(broadRole.Run("IRSA041"));
        Assert.Equal("managed:" + policyArn, finding.Properties["Policy"]);
        Assert.Empty(broadRole.Run("IRSA040"));
        Assert.Empty(boundedRole.Run("IRSA041"));
    }

    [Theory]
    [InlineData("""{"Bool":{"aws:SecureTransport":"true"}}""", true)]
    [InlineData("""{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""", true)]
    [InlineData("""{"StringEquals":{"aws:ResourceAccount":"123456789012"}}""", true)]
    [InlineData("""{"StringEquals":{"aws:PrincipalTag/team":"dns"}}""", true)]
    [InlineData("""{"StringEquals":{"aws:ResourceTag/team":"dns"}}""", false)]
    [InlineData("""{"Null":{"aws:RequestTag/kubernetes.io/cluster":"false"}}""", false)]
    [InlineData("""{"ForAllValues:StringLike":{"route53:ChangeResourceRecordSetsNormalizedRecordNames":["*.example.com"]}}""", false)]
    [InlineData("""{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:ResourceTag/team":"dns"}}""", false)]
    public void OnlyAConditionOnTheResourceBoundsAnEveryZoneWrite(string condition, bool unscoped)
    {
        var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"route53:ChangeResourceRecordSets\"],\"Resource\":\"arn:aws:route53:::hostedzone/*\",\"Condition\":" + condition + "}]}";
        var builder = Controller(new SnapshotBuilder(), "dns", "default", "external-dns", null, ("p", policy));

        Assert.Equal(unscoped ? 1 : 0, builder.Run("IRSA041").Count);
    }

    [Fact]
    public void TheOlderCatalogVersionIsOutdatedAgainstTheNewest()
    {
        var old = Rendered("ExternalDns", P("HostedZoneArn", Zone));
        var template = PolicyTemplateCatalog.Find("ExternalDns", "0.16.0");
        var previous = PolicyTemplateRenderer.Render(template, null, TemplateSamples.Context(), P("HostedZoneArn", Zone), allowUnscoped: false).InlinePolicy!;

        Assert.Empty(Controller(new SnapshotBuilder(), "dns", "default", "external-dns", null, ("p", old)).Run("IRSA040"));
        Assert.Single(Controller(new SnapshotBuilder(), "dns", "default", "external-dns", null, ("p", previous)).Run("IRSA040"));
    }

    [Fact]
    public void FindingsGoIntoSarifAndJUnitLikeTheOthers()
    {
        var snapshot = Controller(new SnapshotBuilder(), "eksctl-external-dns", "default", "external-dns", null, ("PolicyExternalDNS", EksctlExternalDns)).Build();
        var evaluated = IrsaAuditor.Evaluate(snapshot, new AuditOptions { Checks = ["IRSA040", "ControllerPolicyUnscoped"] });
        var result = new AuditResult
        {
            ClusterName = evaluated.ClusterName,
            Findings = evaluated.Findings,
            Checks = evaluated.Checks,
            Statistics = evaluated.Statistics,
            StartedAt = DateTimeOffset.UnixEpoch,
            CompletedAt = DateTimeOffset.UnixEpoch,
        };

        using var sarif = JsonDocument.Parse(SarifReportWriter.ToJson(result));
        SarifSchema.Validate(sarif.RootElement);
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal(["IRSA040", "IRSA041"], run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(2, run.GetProperty("results").GetArrayLength());
        var junit = XDocument.Parse(JUnitReportWriter.ToXml(result));
        Assert.Equal(["IRSA040 ControllerPolicyOutdated", "IRSA041 ControllerPolicyUnscoped"], junit.Root!.Elements("testsuite").Select(s => s.Attribute("name")!.Value));
        Assert.Equal(2, junit.Descendants("failure").Count());
    }
}
