using System;
using System.Linq;
using System.Text.RegularExpressions;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Templates;
using Xunit;

namespace IrsaPS.Core.Tests.Templates;

/// <summary>The shipped catalog: coverage, provenance, and the facts that distinguish each entry's version.</summary>
public class PolicyTemplateCatalogTests
{
    public static TheoryData<string> Entries() => [.. PolicyTemplateCatalog.Latest.Select(t => t.Name)];

    public static TheoryData<string, string> EntriesAndPartitions()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in PolicyTemplateCatalog.All)
        {
            foreach (var partition in new[] { "aws", "aws-cn", "aws-us-gov" })
            {
                data.Add(template.Name + "@" + template.Version, partition);
            }
        }

        return data;
    }

    [Fact]
    public void CoversEksctlsWellKnownPoliciesTerraformsV6SwitchesKarpenterAndTheEfsSplit()
    {
        // eksctl (pkg/cfn/builder/iam_helper.go, createWellKnownPolicies): imageBuilder, autoScaler, awsLoadBalancerController,
        // externalDNS, certManager, ebsCSIController, efsCSIController.
        // terraform-aws-iam v6.5.0 iam-role-for-service-accounts: 17 attach_* switches.
        string[] expected =
        [
            "ImageBuilder", "ClusterAutoscaler", "AwsLoadBalancerController", "ExternalDns", "CertManager", "EbsCsiDriver", "EfsCsiDriver",
            "AwsGatewayApiController", "MountpointS3CsiDriver", "ExternalSecrets", "FsxLustreCsiDriver", "FsxOpenZfsCsiDriver",
            "AwsLoadBalancerControllerTargetGroupBinding", "AmazonManagedPrometheus", "Velero", "VpcCni", "NodeTerminationHandler",
            "CloudWatchObservability", "Karpenter",
        ];

        Assert.Empty(expected.Except(PolicyTemplateCatalog.Names));
        Assert.Equal(["Controller", "Node"], PolicyTemplateCatalog.Find("EfsCsiDriver").Roles.Select(r => r.Name));
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void EveryEntryRecordsItsUpstreamSourceLicenceAndDefaults(string name)
    {
        var template = PolicyTemplateCatalog.Find(name);

        Assert.NotEmpty(template.Sources);
        Assert.All(template.Sources, s =>
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", s.Read);
            if (s.Repository is not null)
            {
                Assert.False(string.IsNullOrEmpty(s.Path));
                Assert.False(string.IsNullOrEmpty(s.Ref));
                Assert.Matches("^[0-9a-f]{40}$", s.Commit);
                Assert.StartsWith("https://github.com/" + s.Repository + "/blob/" + s.Commit + "/", s.Location, StringComparison.Ordinal);
            }
            else
            {
                Assert.StartsWith("https://docs.aws.amazon.com/", s.Url, StringComparison.Ordinal);
            }
        });
        Assert.False(string.IsNullOrWhiteSpace(template.Licence));
        Assert.All(template.Roles.Where(r => r.Namespace is not null), r => Assert.NotEmpty(r.ServiceAccounts));
        Assert.True(PolicyTemplateCatalog.IsLatest(template));
    }

    [Theory]
    [MemberData(nameof(EntriesAndPartitions))]
    public void EveryEntryRendersInEveryPartitionWithinIamsQuotas(string entry, string partition)
    {
        var template = PolicyTemplateCatalog.Find(entry.Split('@')[0], entry.Split('@')[1]);
        foreach (var role in template.Roles)
        {
            var rendered = PolicyTemplateRenderer.Render(template, role.Name, TemplateSamples.Context(partition), TemplateSamples.All(template, partition), allowUnscoped: false);

            Assert.True(rendered.IsComplete);
            Assert.Empty(rendered.Unscoped);
            Assert.All(rendered.ManagedPolicyArns, a => Assert.StartsWith($"arn:{partition}:iam::aws:policy/", a, StringComparison.Ordinal));
            Assert.True(rendered.InlinePolicy is not null || rendered.ManagedPolicyArns.Count > 0);
            if (rendered.InlinePolicy is { } json)
            {
                Assert.DoesNotContain("${", json, StringComparison.Ordinal);
                Assert.Equal(json, PolicyJsonFormat.Compact(json));
                Assert.True(rendered.FitsInlinePolicies);
                var arns = Regex.Matches(json, "\"arn:([a-z-]+):").Select(m => m.Groups[1].Value).Distinct().ToList();
                Assert.All(arns, p => Assert.Equal(partition, p));
                Assert.NotEmpty(PolicyDocument.Parse(json).Statements);
            }
        }
    }

    /// <summary>
    /// The actions (or managed policies) that distinguish each entry's version from what eksctl or older upstream docs had.
    /// An edit that drops one of them fails here.
    /// </summary>
    [Theory]
    [InlineData("ExternalDns", null, "route53:ListTagsForResources", "route53:ChangeResourceRecordSets", "route53:ListHostedZones")]
    [InlineData("VpcCni", null, "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:AssignPrivateIpAddresses")]
    [InlineData("VpcCniIpv6", null, "ec2:AssignIpv6Addresses", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups")]
    [InlineData("EbsCsiDriver", null, "ec2:CopyVolumes", "ec2:LockSnapshot", "ec2:DescribeVolumeStatus")]
    [InlineData("AwsLoadBalancerController", null, "ec2:DescribeIpamPools", "ec2:DescribeRouteTables", "elasticloadbalancing:DescribeCapacityReservation", "elasticloadbalancing:ModifyIpPools", "elasticloadbalancing:DescribeTrustStores")]
    [InlineData("AwsLoadBalancerControllerTargetGroupBinding", null, "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets")]
    [InlineData("AwsGatewayApiController", null, "vpc-lattice:*", "acm:ListCertificates", "tag:TagResources")]
    [InlineData("EfsCsiDriver", "Controller", "s3files:CreateAccessPoint", "elasticfilesystem:CreateAccessPoint", "elasticfilesystem:DescribeMountTargets")]
    [InlineData("EfsCsiDriver", "Node", "s3files:ClientMount", "logs:PutLogEvents")]
    [InlineData("FsxLustreCsiDriver", null, "fsx:CreateFileSystem", "fsx:UpdateFileSystem", "iam:CreateServiceLinkedRole")]
    [InlineData("FsxOpenZfsCsiDriver", null, "fsx:CreateVolume", "fsx:CreateSnapshot", "fsx:ListTagsForResource")]
    [InlineData("MountpointS3CsiDriver", null, "s3:ListBucket", "s3:AbortMultipartUpload", "s3:DeleteObject")]
    [InlineData("CertManager", null, "route53:GetChange", "route53:ChangeResourceRecordSets", "route53:ListHostedZonesByName")]
    [InlineData("ClusterAutoscaler", null, "autoscaling:DescribeScalingActivities", "ec2:GetInstanceTypesFromInstanceRequirements", "eks:DescribeNodegroup", "autoscaling:SetDesiredCapacity")]
    [InlineData("Karpenter", null, "ec2:CreateFleet", "iam:PassRole", "arc-zonal-shift:GetManagedResource", "ec2:DescribeCapacityReservations", "iam:TagInstanceProfile")]
    [InlineData("ExternalSecrets", null, "secretsmanager:GetSecretValue", "ssm:GetParameter*")]
    [InlineData("Velero", null, "ec2:CreateSnapshot", "s3:PutObjectTagging", "s3:ListMultipartUploadParts")]
    [InlineData("NodeTerminationHandler", null, "autoscaling:CompleteLifecycleAction", "sqs:ReceiveMessage", "sqs:DeleteMessage")]
    [InlineData("AmazonManagedPrometheus", null, "aps:RemoteWrite", "aps:QueryMetrics")]
    [InlineData("CloudWatchObservability", null, "cloudwatch:PutMetricData", "xray:PutTraceSegments")]
    [InlineData("ImageBuilder", null, "ecr:PutImage", "ecr:GetAuthorizationToken")]
    public void EachEntryHasTheActionsThatDistinguishItsVersion(string name, string? role, params string[] actions)
    {
        var template = PolicyTemplateCatalog.Find(name);
        var needs = TemplateRequirements.For(template, PolicyTemplateRenderer.SelectRole(template, role), "aws");
        var rendered = PolicyTemplateRenderer.Render(template, role, TemplateSamples.Context(), TemplateSamples.All(template), allowUnscoped: false);
        var granted = rendered.InlinePolicy is null
            ? []
            : PolicyDocument.Parse(rendered.InlinePolicy).Statements.SelectMany(s => s.Action ?? PolicyValueList.Of()).ToList();

        // What the drift check requires (whatever the parameters), plus what a rendering with every parameter grants
        // (External Secrets' reads exist only once a secret or parameter is named).
        Assert.Empty(actions.Except(needs.RequiredActions.Concat(granted), StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("EbsCsiDriver", null, "arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2")]
    [InlineData("VpcCni", null, "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy")]
    [InlineData("EfsCsiDriver", "Controller", "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy")]
    [InlineData("EfsCsiDriver", "Controller", "arn:aws:iam::aws:policy/service-role/AmazonS3FilesCSIDriverPolicy")]
    [InlineData("EfsCsiDriver", "Node", "arn:aws:iam::aws:policy/AmazonElasticFileSystemsUtils")]
    [InlineData("CloudWatchObservability", null, "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy")]
    [InlineData("CloudWatchObservability", null, "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess")]
    [InlineData("ImageBuilder", null, "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser")]
    public void EntriesAttachTheManagedPolicyAwsPublishes(string name, string? role, string arn)
    {
        var template = PolicyTemplateCatalog.Find(name);
        var rendered = PolicyTemplateRenderer.Render(template, role, TemplateSamples.Context(), TemplateSamples.All(template), allowUnscoped: false);

        Assert.Contains(arn, rendered.ManagedPolicyArns);
    }

    [Fact]
    public void TheEfsNodeRoleNeverGetsReadAccessToEveryBucket()
    {
        var template = PolicyTemplateCatalog.Find("EfsCsiDriver");
        var node = PolicyTemplateRenderer.Render(template, "Node", TemplateSamples.Context(), null, allowUnscoped: false);

        Assert.DoesNotContain(node.ManagedPolicyArns, a => a.EndsWith("AmazonS3ReadOnlyAccess", StringComparison.Ordinal));
        Assert.Null(node.InlinePolicy);
        Assert.Equal(["S3BucketArn"], node.Omitted);
    }

    [Fact]
    public void OlderVersionsStayAvailableAndTheNewestIsTheDefault()
    {
        Assert.Equal(["0.22.0", "0.16.0"], PolicyTemplateCatalog.Versions("externaldns"));
        Assert.Equal("0.22.0", PolicyTemplateCatalog.Find("ExternalDns").Version);
        var old = PolicyTemplateCatalog.Find("ExternalDns", "v0.16.0");
        Assert.False(PolicyTemplateCatalog.IsLatest(old));
        Assert.Contains("route53:ListTagsForResource", TemplateRequirements.For(old, old.Roles[0], "aws").RequiredActions);
        Assert.DoesNotContain("route53:ListTagsForResources", TemplateRequirements.For(old, old.Roles[0], "aws").RequiredActions);
    }

    [Fact]
    public void VersionsCompareNumerically()
    {
        Assert.True(PolicyTemplateCatalog.CompareVersions("1.10.0", "1.9.9") > 0);
        Assert.True(PolicyTemplateCatalog.CompareVersions("0.22.0", "0.16.0") > 0);
        Assert.Equal(0, PolicyTemplateCatalog.CompareVersions("1.21", "1.21.0"));
    }

    [Fact]
    public void CompletionOffersNamesVersionsAndRoles()
    {
        Assert.Equal(["ExternalDns", "ExternalSecrets"], TemplateCompletion.Names("Ext"));
        Assert.Equal(["0.22.0", "0.16.0"], TemplateCompletion.Versions("ExternalDns", null));
        Assert.Equal(["0.16.0"], TemplateCompletion.Versions("ExternalDns", "0.1"));
        Assert.Equal(["Controller", "Node"], TemplateCompletion.Roles("EfsCsiDriver", null));
    }
}
