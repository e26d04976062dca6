using System;
using System.Linq;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Models;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>Checks about providers, quotas, boundaries, permissions and the cluster itself.</summary>
public class AccountCheckTests
{
    // ---- IRSA005 FederatedProviderMissing ----

    [Fact]
    public void FederatedProvider_Missing_IsHigh()
    {
        var finding = Assert.Single(new SnapshotBuilder(withProvider: false).IrsaRole("app-role", ("web", "app")).Run("IRSA005"));

        Assert.Equal(IrsaSeverity.High, finding.Severity);
        Assert.Equal(Provider(), finding.Properties["ProviderArn"]);
        Assert.Contains("Register-IrsaOidcProvider -ClusterName prod", finding.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void FederatedProvider_IssuerOfADeletedCluster_IsLow_OnlyInQueriedRegions()
    {
        var deleted = "https://oidc.eks.us-east-1.amazonaws.com/id/DE1E7ED0000000000000000000000000";
        var elsewhere = "https://oidc.eks.eu-west-1.amazonaws.com/id/E15E000000000000000000000000000E";
        var builder = new SnapshotBuilder().Provider(deleted).Provider(elsewhere).Provider(OtherIssuerUrl)
            .Role("deleted", Irsa([Sub("web", "app")], deleted))
            .Role("elsewhere", Irsa([Sub("web", "app")], elsewhere))
            .Role("living", Irsa([Sub("web", "app")], OtherIssuerUrl))
            .OtherCluster("staging", OtherIssuerUrl)
            .QueriedRegion("us-east-1");

        var finding = Assert.Single(builder.Run("IRSA005"));

        Assert.Equal(IrsaSeverity.Low, finding.Severity);
        Assert.Equal(RoleArn("deleted"), finding.Resource);
        Assert.Contains("belongs to no EKS cluster in us-east-1", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FederatedProvider_CleanLookAlikes_AreNotReported()
    {
        var otherAccount = Irsa([Sub("web", "app")], account: OtherAccount);
        var builder = new SnapshotBuilder().IrsaRole("ok", ("web", "app")).Role("cross", otherAccount).QueriedRegion("us-east-1");

        Assert.Empty(builder.Run("IRSA005"));
    }

    // ---- IRSA009 TrustPolicySize ----

    private static string TrustOfSize(int subjects) => Irsa(Enumerable.Range(0, subjects).Select(i => Sub("team-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), "service-account")).ToArray());

    [Theory]
    [InlineData(24, null)]
    [InlineData(25, IrsaSeverity.Low)]
    [InlineData(35, IrsaSeverity.Medium)]
    [InlineData(60, IrsaSeverity.High)]
    public void TrustPolicySize_ThresholdsAt80And100PercentOf2048And4096(int subjects, IrsaSeverity? expected)
    {
        var trust = TrustOfSize(subjects);
        var size = IrsaPS.Core.Policy.TrustPolicySize.Measure(trust);

        var findings = new SnapshotBuilder().Role("big", trust).Run("IRSA009");

        if (expected is null)
        {
            Assert.True(size < 1639, $"size {size}");
            Assert.Empty(findings);
        }
        else
        {
            var finding = Assert.Single(findings);
            Assert.Equal(expected, finding.Severity);
            Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), finding.Properties["Size"]);
        }
    }

    // ---- IRSA010 OidcProviderLimit ----

    [Theory]
    [InlineData(79, null)]
    [InlineData(80, IrsaSeverity.Medium)]
    [InlineData(100, IrsaSeverity.High)]
    public void OidcProviderLimit_At80AndAt100(int count, IrsaSeverity? expected)
    {
        var findings = new SnapshotBuilder(withProvider: false).Providers(count).Run("IRSA010");

        if (expected is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            var finding = Assert.Single(findings);
            Assert.Equal(expected, finding.Severity);
            Assert.Equal($"arn:aws:iam::{Account}:root", finding.Resource);
        }
    }

    // ---- IRSA014 MissingPermissionsBoundary ----

    [Fact]
    public void PermissionsBoundary_MissingOrOther_IsReported_ForClusterRolesOnly()
    {
        const string required = "arn:aws:iam::123456789012:policy/irsa-boundary";
        var builder = new SnapshotBuilder()
            .Role("a-none", Irsa([Sub("web", "a")]), boundaryKnown: true)
            .Role("b-other", Irsa([Sub("web", "b")]), boundary: "arn:aws:iam::123456789012:policy/other", boundaryKnown: true)
            .Role("c-right", Irsa([Sub("web", "c")]), boundary: required, boundaryKnown: true)
            .Role("d-not-irsa", Document("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}"), boundaryKnown: true)
            .Role("e-unknown", Irsa([Sub("web", "e")]));

        var findings = builder.Run("IRSA014", boundary: required);

        Assert.Equal([RoleArn("a-none"), RoleArn("b-other")], findings.Select(f => f.Resource).ToArray());
        Assert.Contains("has no permissions boundary", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("not " + required, findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PermissionsBoundary_AnyBoundaryIsEnough_WhenNoneIsRequired()
    {
        var builder = new SnapshotBuilder().Role("other", Irsa([Sub("web", "b")]), boundary: "arn:aws:iam::123456789012:policy/other", boundaryKnown: true);

        Assert.Empty(builder.Run("IRSA014"));
    }

    // ---- IRSA015 AdministratorAccess ----

    [Fact]
    public void AdministratorAccess_ManagedOrInlineStarOnStar_IsCritical()
    {
        var builder = new SnapshotBuilder()
            .Role("managed", Irsa([Sub("web", "a")]), attached: ["arn:aws:iam::aws:policy/AdministratorAccess"], inline: [])
            .Role("inline", Irsa([Sub("web", "b")]), attached: [], inline: [new AuditInlinePolicy("all", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*:*\",\"Resource\":\"*\"}]}")]);

        var findings = builder.Run("IRSA015");

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(IrsaSeverity.Critical, f.Severity));
        Assert.Equal("all", findings.Single(f => f.RoleName == "inline").Properties["PolicyName"]);
    }

    [Fact]
    public void AdministratorAccess_CustomerManagedStarOnStar_IsCritical_ButNotAScopedOne()
    {
        const string everything = "arn:aws:iam::123456789012:policy/everything";
        const string scoped = "arn:aws:iam::123456789012:policy/s3-read";
        var builder = new SnapshotBuilder()
            .ManagedPolicy(everything, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}")
            .ManagedPolicy(scoped, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}}")
            .Role("custom", Irsa([Sub("web", "a")]), attached: [everything, scoped], inline: []);

        var finding = Assert.Single(builder.Run("IRSA015"));

        Assert.Equal(everything, finding.Properties["PolicyArn"]);
        Assert.Contains("which allows \"*\" on \"*\"", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdministratorAccess_CleanLookAlikes_AreNotReported()
    {
        var scoped = new AuditInlinePolicy("s3", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        var conditioned = new AuditInlinePolicy("cond", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}");
        var deny = new AuditInlinePolicy("deny", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        var builder = new SnapshotBuilder()
            .Role("scoped", Irsa([Sub("web", "a")]), attached: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], inline: [scoped, conditioned, deny])
            .Role("ec2", Document("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}"), attached: ["arn:aws:iam::aws:policy/AdministratorAccess"]);

        Assert.Empty(builder.Run("IRSA015"));
    }

    // ---- IRSA016 ClusterSupport ----

    [Fact]
    public void ClusterSupport_Outposts_Old_AndPrivateOnly_AreReported()
    {
        var outposts = new SnapshotBuilder { Cluster = new AuditClusterInfo { Name = "edge", IsOutpostsLocalCluster = true, Version = "1.30" } }.Run("IRSA016");
        var old = new SnapshotBuilder { Cluster = new AuditClusterInfo { Name = "old", Issuer = IssuerUrl, Version = "1.12" } }.Run("IRSA016");
        var early = new SnapshotBuilder { Cluster = new AuditClusterInfo { Name = "early", Issuer = IssuerUrl, Version = "1.13", CreatedAt = new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero) } }.Run("IRSA016");
        var privateOnly = new SnapshotBuilder { Cluster = new AuditClusterInfo { Name = "vpc", Issuer = IssuerUrl, Version = "1.31", EndpointPublicAccess = false, EndpointPrivateAccess = true } }.Run("IRSA016");

        Assert.Equal(IrsaSeverity.High, Assert.Single(outposts).Severity);
        Assert.Contains("Outposts", outposts[0].Message, StringComparison.Ordinal);
        Assert.Equal(IrsaSeverity.High, Assert.Single(old).Severity);
        Assert.Equal(IrsaSeverity.Medium, Assert.Single(early).Severity);
        Assert.Equal(IrsaSeverity.Info, Assert.Single(privateOnly).Severity);
    }

    [Fact]
    public void ClusterSupport_CleanLookAlikes_AreNotReported()
    {
        var both = new SnapshotBuilder { Cluster = new AuditClusterInfo { Name = "ok", Issuer = IssuerUrl, Version = "1.13", CreatedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), EndpointPublicAccess = true, EndpointPrivateAccess = true } };

        Assert.Empty(both.Run("IRSA016"));
        Assert.Empty(new SnapshotBuilder().Run("IRSA016"));
    }
}
