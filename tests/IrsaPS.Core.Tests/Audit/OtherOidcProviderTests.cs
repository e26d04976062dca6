using System;
using System.Linq;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Models;
using IrsaPS.Core.Validation;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>
/// IRSA checks judge EKS issuers only: roles (and statements) that trust other OIDC providers — GitHub Actions above all —
/// are not IRSA roles, even when their subject is a pattern or their provider is missing. Planted positives next to each
/// look-alike prove the checks still fire where they should.
/// </summary>
public class OtherOidcProviderTests
{
    private const string GitHubHost = "token.actions.githubusercontent.com";

    private static readonly string[] IrsaChecks =
        ["IRSA001", "IRSA002", "IRSA003", "IRSA004", "IRSA005", "IRSA008", "IRSA009", "IRSA013"];

    private static string GitHubProvider => $"arn:aws:iam::{Account}:oidc-provider/{GitHubHost}";

    /// <summary>The trust GitHub's docs recommend: StringLike on the repository, StringEquals on the audience.</summary>
    private static string GitHubStatement(string sub = "repo:org/repo:*", string op = "StringLike") =>
        Statement(
            $"{{\"{op}\":{{\"{GitHubHost}:sub\":\"{sub}\"}},\"StringEquals\":{{\"{GitHubHost}:aud\":\"sts.amazonaws.com\"}}}}",
            GitHubProvider);

    private static string WildcardIrsaStatement(string issuerUrl = IssuerUrl) =>
        Statement(Condition("StringLike", [Sub("web", "*")], issuerUrl: issuerUrl), Provider(issuerUrl));

    private static IrsaFinding[] RunAll(SnapshotBuilder builder) =>
        IrsaAuditor.Evaluate(builder.Build(), new AuditOptions { Checks = IrsaChecks }).Findings.ToArray();

    [Fact]
    public void GitHubActionsRole_WithRepositoryPattern_HasNoIrsaFinding()
    {
        // The GitHub provider is not registered in the snapshot either: IRSA005 must not ask to register a cluster for it.
        var builder = new SnapshotBuilder().Role("github-deploy", Document(GitHubStatement()));

        Assert.Empty(RunAll(builder));
    }

    [Fact]
    public void GitHubActionsRole_WithStringEqualsWildcard_LargeTrust_AndRootStatement_HasNoIrsaFinding()
    {
        var many = string.Join(",", Enumerable.Range(0, 60).Select(i => Statement(
            $"{{\"StringEquals\":{{\"{GitHubHost}:sub\":\"repo:org/repository-with-a-long-name-{i}:ref:refs/heads/main\"}}}}",
            GitHubProvider)));
        var root = $"{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::{Account}:root\"}},\"Action\":\"sts:AssumeRole\"}}";
        var builder = new SnapshotBuilder()
            .Role("github-equals", Document(GitHubStatement("repo:org/*", "StringEquals")))
            .Role("github-large", "{\"Version\":\"2012-10-17\",\"Statement\":[" + many + "," + root + "]}");

        Assert.Empty(RunAll(builder));
    }

    [Fact]
    public void IrsaStatementBesideGitHubStatement_IsJudgedAlone()
    {
        var trust = Document(WildcardIrsaStatement(), GitHubStatement());
        var builder = new SnapshotBuilder().Role("mixed", trust).ServiceAccount("web", "app");

        var findings = RunAll(builder);

        var finding = Assert.Single(findings);
        Assert.Equal("IRSA002", finding.CheckId);
        Assert.Equal(IrsaSeverity.Medium, finding.Severity); // the literal namespace 'web', not GitHub's spanning pattern
        Assert.Contains("system:serviceaccount:web:*", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubHost, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://oidc.eks.eu-west-1.amazonaws.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("https://oidc.eks.us-gov-west-1.amazonaws.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("https://oidc.eks.cn-north-1.amazonaws.com.cn/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("https://oidc-eks.us-west-2.api.aws/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    public void WildcardSubject_OfAnyEksIssuerForm_IsReported(string issuerUrl)
    {
        var builder = new SnapshotBuilder().Role("other-cluster", Document(WildcardIrsaStatement(issuerUrl)));

        var finding = Assert.Single(builder.Run("IRSA002"));

        Assert.Contains(OidcIssuer.Parse(issuerUrl).HostPath, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com.example.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3/extra")]
    [InlineData("https://oidc.eks.amazonaws.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("https://gitlab.com")]
    [InlineData("https://app.terraform.io")]
    public void WildcardSubject_OfLookAlikeIssuer_IsNotReported(string issuerUrl)
    {
        var builder = new SnapshotBuilder().Role("lookalike", Document(WildcardIrsaStatement(issuerUrl)));

        Assert.Empty(builder.Run("IRSA002"));
        Assert.Empty(builder.Run("IRSA005"));
    }

    [Fact]
    public void MissingProvider_IsReportedForEksIssuers_NotForGitHub()
    {
        var missingEks = "https://oidc.eks.us-east-1.amazonaws.com/id/0000000000000000000000000000DEAD";
        var builder = new SnapshotBuilder()
            .Role("eks-missing", Irsa([Sub("web", "app")], missingEks))
            .Role("github", Document(GitHubStatement()));

        var finding = Assert.Single(builder.Run("IRSA005"));

        Assert.Equal(RoleArn("eks-missing"), finding.Resource);
        Assert.Equal(IrsaSeverity.High, finding.Severity);
    }

    [Fact]
    public void StringEqualsWildcard_IsReportedForEksKeys_NotForGitHubKeys()
    {
        var eks = Document(Statement(Condition("StringEquals", [Sub("web", "*")]), Provider()));
        var builder = new SnapshotBuilder().Role("eks-equals", eks).Role("github-equals", Document(GitHubStatement("repo:org/*", "StringEquals")));

        var finding = Assert.Single(builder.Run("IRSA004"));

        Assert.Equal(RoleArn("eks-equals"), finding.Resource);
    }

    [Fact]
    public void BroadAssumeRole_IsReportedForIrsaRoles_NotForGitHubRoles()
    {
        var root = $"{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::{OtherAccount}:root\"}},\"Action\":\"sts:AssumeRole\"}}";
        var irsa = Document(Statement(Condition("StringEquals", [Sub("web", "app")]), Provider()), root);
        var github = Document(GitHubStatement(), root);
        var builder = new SnapshotBuilder().Role("irsa-broad", irsa).Role("github-broad", github);

        var finding = Assert.Single(builder.Run("IRSA013"));

        Assert.Equal(RoleArn("irsa-broad"), finding.Resource);
    }
}
