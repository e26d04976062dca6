using System.Linq;
using IrsaPS.Core.Models;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>Checks over trust documents alone: planted mistakes are found, clean look-alikes are not.</summary>
public class TrustCheckTests
{
    private static string Ok => Irsa([Sub("web", "app")]);

    // ---- IRSA001 TrustWithoutSubject ----

    [Fact]
    public void TrustWithoutSubject_AudOnly_IsCritical()
    {
        var trust = Document(Statement($"{{\"StringEquals\":{{\"{HostPath}:aud\":\"sts.amazonaws.com\"}}}}", Provider()));

        var finding = Assert.Single(new SnapshotBuilder().Role("open", trust).Run("IRSA001"));

        Assert.Equal("IRSA001", finding.CheckId);
        Assert.Equal("TrustWithoutSubject", finding.CheckName);
        Assert.Equal(IrsaSeverity.Critical, finding.Severity);
        Assert.Equal(RoleArn("open"), finding.Resource);
        Assert.Equal("open", finding.RoleName);
        Assert.Equal("prod", finding.ClusterName);
        Assert.Contains("any service account of cluster prod can assume the role", finding.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TrustWithoutSubject_NoConditionAtAll_And_OnlyNegatedSub_AreReported()
    {
        var none = Document(Statement(null, Provider()));
        var negated = Document(Statement($"{{\"StringNotEquals\":{{\"{HostPath}:sub\":\"system:serviceaccount:kube-system:aws-node\"}}}}", Provider()));

        var findings = new SnapshotBuilder().Role("none", none).Role("negated", negated).Run("IRSA001");

        Assert.Equal([RoleArn("negated"), RoleArn("none")], findings.Select(f => f.Resource).ToArray());
        Assert.Contains("negated sub conditions only exclude", findings[0].Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TrustWithoutSubject_CleanLookAlikes_AreNotReported()
    {
        var deny = Document(Statement(Condition("StringEquals", [Sub("web", "app")]), Provider()), Statement(null, Provider(), effect: "Deny"));
        var github = Document(Statement(null, "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"));
        var like = Document(Statement(Condition("StringLike", [Sub("web", "app")]), Provider()));

        Assert.Empty(new SnapshotBuilder().Role("exact", Ok).Role("deny", deny).Role("github", github).Role("like", like).Run("IRSA001"));
    }

    [Fact]
    public void TrustWithoutSubject_WildcardPrincipalForWebIdentity_IsReported()
    {
        var trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}";

        var finding = Assert.Single(new SnapshotBuilder().Role("star", trust).Run("IRSA001"));

        Assert.Contains("principal \"*\"", finding.Message, System.StringComparison.Ordinal);
    }

    // ---- IRSA002 WildcardSubject ----

    [Fact]
    public void WildcardSubject_CountsTheLiveServiceAccountsItMatches()
    {
        var trust = Document(Statement(Condition("StringLike", ["system:serviceaccount:web:app-*"]), Provider()));
        var builder = new SnapshotBuilder().Role("pattern", trust)
            .ServiceAccount("web", "app-1").ServiceAccount("web", "app-2").ServiceAccount("web", "api").ServiceAccount("other", "app-3");

        var finding = Assert.Single(builder.Run("IRSA002"));

        Assert.Equal(IrsaSeverity.Medium, finding.Severity);
        Assert.Equal("2", finding.Properties["MatchingServiceAccounts"]);
        Assert.Contains("2 of the 4 service accounts of cluster prod match (web/app-1, web/app-2)", finding.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void WildcardSubject_SpanningNamespaces_IsHigh_AndMatchesAcrossThem()
    {
        var trust = Document(Statement(Condition("StringLike", ["system:serviceaccount:*:app"]), Provider()));
        var builder = new SnapshotBuilder().Role("pattern", trust).ServiceAccount("a", "app").ServiceAccount("b", "app").ServiceAccount("b", "api");

        var finding = Assert.Single(builder.Run("IRSA002"));

        Assert.Equal(IrsaSeverity.High, finding.Severity);
        Assert.Equal("2", finding.Properties["MatchingServiceAccounts"]);
    }

    [Fact]
    public void WildcardSubject_ForAnotherCluster_IsReportedWithoutCounting()
    {
        var trust = Document(Statement(Condition("StringLike", ["system:serviceaccount:web:*"], issuerUrl: OtherIssuerUrl), Provider(OtherIssuerUrl)));

        var finding = Assert.Single(new SnapshotBuilder().Role("pattern", trust).ServiceAccount("web", "app").Run("IRSA002"));

        Assert.False(finding.Properties.ContainsKey("MatchingServiceAccounts"));
        Assert.Contains("not audited here", finding.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void WildcardSubject_CleanLookAlikes_AreNotReported()
    {
        var likeWithoutWildcard = Document(Statement(Condition("StringLike", [Sub("web", "app")]), Provider()));
        var equalsWithStar = Irsa(["system:serviceaccount:web:*"]);
        var denyPattern = Document(Statement(Condition("StringEquals", [Sub("web", "app")]), Provider()), Statement(Condition("StringLike", ["system:serviceaccount:kube-system:*"], audience: null), Provider(), effect: "Deny"));

        Assert.Empty(new SnapshotBuilder().Role("a", likeWithoutWildcard).Role("b", equalsWithStar).Role("c", denyPattern).ServiceAccount("web", "app").Run("IRSA002"));
    }

    // ---- IRSA003 AudienceMismatch ----

    [Fact]
    public void Audience_Missing_IsLow()
    {
        var trust = Document(Statement(Condition("StringEquals", [Sub("web", "app")], audience: null), Provider()));

        var finding = Assert.Single(new SnapshotBuilder().Role("noaud", trust).Run("IRSA003"));

        Assert.Equal(IrsaSeverity.Low, finding.Severity);
        Assert.Contains("without a " + HostPath + ":aud condition", finding.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Audience_NotTheOneInUse_IsHigh_AndNamesTheServiceAccounts()
    {
        var builder = new SnapshotBuilder().Role("app-role", Irsa([Sub("web", "app")], audience: "vault"))
            .ServiceAccount("web", "app", "app-role");

        var finding = Assert.Single(builder.Run("IRSA003"));

        Assert.Equal(IrsaSeverity.High, finding.Severity);
        Assert.Contains("admits only the audience(s) 'vault' for cluster prod, not 'sts.amazonaws.com', the audience of web/app", finding.Message, System.StringComparison.Ordinal);
        Assert.Contains("Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -Audience vault", finding.Remediation, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Audience_CleanLookAlikes_AreNotReported()
    {
        var builder = new SnapshotBuilder()
            .Role("default", Ok).ServiceAccount("web", "app", "default")
            .Role("custom", Irsa([Sub("web", "vault")], audience: "vault")).ServiceAccount("web", "vault", "custom", audience: "vault")
            .Role("like", Document(Statement(Condition("StringLike", [Sub("web", "x")], audience: "sts.*"), Provider())));

        Assert.Empty(builder.Run("IRSA003"));
    }

    // ---- IRSA004 StringEqualsWithWildcard ----

    [Fact]
    public void StringEqualsWithWildcard_InAllow_NeverMatches()
    {
        var finding = Assert.Single(new SnapshotBuilder().Role("star", Irsa(["system:serviceaccount:web:*"])).Run("IRSA004"));

        Assert.Equal(IrsaSeverity.High, finding.Severity);
        Assert.Contains("never matches a real token", finding.Message, System.StringComparison.Ordinal);
        Assert.Equal("system:serviceaccount:web:*", finding.Properties["Value"]);
    }

    [Fact]
    public void StringEqualsWithWildcard_InNegatedOperator_NeverExcludes()
    {
        var trust = Document(Statement($"{{\"StringEquals\":{{\"{HostPath}:sub\":\"system:serviceaccount:web:app\"}},\"StringNotEquals\":{{\"{HostPath}:sub\":\"system:serviceaccount:kube-system:?\"}}}}", Provider()));

        var finding = Assert.Single(new SnapshotBuilder().Role("neg", trust).Run("IRSA004"));

        Assert.Contains("never excludes anything", finding.Message, System.StringComparison.Ordinal);
        Assert.Contains("StringNotLike", finding.Remediation, System.StringComparison.Ordinal);
    }

    [Fact]
    public void StringEqualsWithWildcard_CleanLookAlikes_AreNotReported()
    {
        var like = Document(Statement(Condition("StringLike", ["system:serviceaccount:web:*"]), Provider()));
        var otherKey = Document(Statement($"{{\"StringEquals\":{{\"{HostPath}:sub\":\"system:serviceaccount:web:app\",\"aws:RequestTag/x\":\"a*\"}}}}", Provider()));

        Assert.Empty(new SnapshotBuilder().Role("like", like).Role("exact", Ok).Role("tag", otherKey).Run("IRSA004"));
    }

    // ---- IRSA013 BroadAssumeRole ----

    private static string WithAssumeRole(string principal, string? condition = null) => Document(
        Statement(Condition("StringEquals", [Sub("web", "app")]), Provider()),
        "{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":\"sts:AssumeRole\"" + (condition is null ? string.Empty : ",\"Condition\":" + condition) + "}");

    [Fact]
    public void BroadAssumeRole_Star_IsCritical_OtherRootHigh_OwnRootMedium()
    {
        var findings = new SnapshotBuilder()
            .Role("a-star", WithAssumeRole("\"*\""))
            .Role("b-other", WithAssumeRole($"{{\"AWS\":\"arn:aws:iam::{OtherAccount}:root\"}}"))
            .Role("c-own", WithAssumeRole($"{{\"AWS\":\"{Account}\"}}"))
            .Run("IRSA013");

        Assert.Equal([IrsaSeverity.Critical, IrsaSeverity.High, IrsaSeverity.Medium], findings.Select(f => f.Severity).ToArray());
        Assert.Contains("\"*\" (anyone, in any account)", findings[0].Message, System.StringComparison.Ordinal);
        Assert.Contains($"the root of account {OtherAccount}", findings[1].Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void BroadAssumeRole_CleanLookAlikes_AreNotReported()
    {
        var conditioned = WithAssumeRole($"{{\"AWS\":\"arn:aws:iam::{OtherAccount}:root\"}}", "{\"StringEquals\":{\"sts:ExternalId\":\"x\"}}");
        var specific = WithAssumeRole($"{{\"AWS\":\"arn:aws:iam::{OtherAccount}:role/ci\"}}");
        var notIrsa = Document("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + Account + "\"},\"Action\":\"sts:AssumeRole\"}");

        Assert.Empty(new SnapshotBuilder().Role("cond", conditioned).Role("specific", specific).Role("plain", notIrsa).Run("IRSA013"));
    }
}
