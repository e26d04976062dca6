using System.Linq;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Models;
using IrsaPS.Core.Verification;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>Checks that join the cluster's service accounts and pods with the account's roles.</summary>
public class ClusterCheckTests
{
    // ---- IRSA006 AnnotatedRoleMissing ----

    [Fact]
    public void AnnotatedRoleMissing_IsHigh_AndSuggestsARoleThatTrustsTheServiceAccount()
    {
        var builder = new SnapshotBuilder().IrsaRole("right", ("web", "app")).ServiceAccount("web", "app", "gone");

        var finding = Assert.Single(builder.Run("IRSA006"));

        Assert.Equal(IrsaSeverity.High, finding.Severity);
        Assert.Equal("web/app", finding.Resource);
        Assert.Equal("web", finding.Namespace);
        Assert.Equal("app", finding.ServiceAccountName);
        Assert.Equal(RoleArn("gone"), finding.RoleArn);
        Assert.Equal("gone", finding.RoleName);
        Assert.Contains("does not exist in account " + Account, finding.Message, System.StringComparison.Ordinal);
        Assert.Equal($"The role {RoleArn("right")} already trusts this service account: Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn {RoleArn("right")}", finding.Remediation);
    }

    [Fact]
    public void AnnotatedRoleMissing_MalformedArn_IsReported_WithNewRoleFixWhenNoRoleTrustsIt()
    {
        var findings = new SnapshotBuilder().ServiceAccount("web", "app", roleArn: "app-role").ServiceAccount("web", "b", "none").Run("IRSA006");

        Assert.Equal(2, findings.Count);
        Assert.Contains("not an IAM role ARN", findings[0].Message, System.StringComparison.Ordinal);
        Assert.Contains("New-IrsaRole -RoleName none -ClusterName prod -Namespace web -ServiceAccountName b", findings[1].Remediation, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AnnotatedRoleMissing_CleanLookAlikes_AreNotReported()
    {
        var builder = new SnapshotBuilder().IrsaRole("App-Role", ("web", "app"))
            .ServiceAccount("web", "app", roleArn: RoleArn("app-role"))            // IAM role names are case-insensitive
            .ServiceAccount("web", "other", roleArn: RoleArn("x", OtherAccount))  // another account: not judged
            .ServiceAccount("web", "plain");

        Assert.Empty(builder.Run("IRSA006"));
    }

    // ---- IRSA007 AnnotatedRoleDoesNotTrust ----

    [Fact]
    public void AnnotatedRoleDoesNotTrust_ReportsTestIrsaTrustsReasonsAndFix()
    {
        var builder = new SnapshotBuilder().IrsaRole("app-role", ("web", "api")).ServiceAccount("web", "app", "app-role");

        var finding = Assert.Single(builder.Run("IRSA007"));

        Assert.Equal(IrsaSeverity.High, finding.Severity);
        Assert.Equal("web/app", finding.Resource);
        Assert.Equal(RoleArn("app-role"), finding.RoleArn);
        Assert.Contains("web/app cannot assume app-role: The subject is system:serviceaccount:web:app but the trust only admits web:api.", finding.Message, System.StringComparison.Ordinal);
        Assert.Equal("Run Add-IrsaRoleTrust -RoleName app-role -ClusterName prod -Namespace web -ServiceAccountName app", finding.Remediation);
        Assert.Equal(TrustReasonCodes.SubjectNotAdmitted, finding.Properties["Reasons"]);
    }

    [Fact]
    public void AnnotatedRoleDoesNotTrust_ProviderWithoutTheAudience_IsReported()
    {
        var builder = new SnapshotBuilder(withProvider: false).Provider(IssuerUrl, "something-else")
            .IrsaRole("app-role", ("web", "app")).ServiceAccount("web", "app", "app-role");

        var finding = Assert.Single(builder.Run("IRSA007"));

        Assert.Equal(TrustReasonCodes.ProviderMissingAudience, finding.Properties["Reasons"]);
    }

    [Fact]
    public void AnnotatedRoleDoesNotTrust_PointsToARoleThatDoesTrust()
    {
        var builder = new SnapshotBuilder().IrsaRole("wrong", ("web", "api")).IrsaRole("right", ("web", "app")).ServiceAccount("web", "app", "wrong");

        var finding = Assert.Single(builder.Run("IRSA007"));

        Assert.Contains($"Or: The role {RoleArn("right")} already trusts this service account", finding.Remediation, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AnnotatedRoleDoesNotTrust_CleanLookAlikes_AreNotReported()
    {
        var pattern = Document(Statement(Condition("StringLike", ["system:serviceaccount:batch:*"]), Provider()));
        var builder = new SnapshotBuilder()
            .IrsaRole("exact", ("web", "app")).ServiceAccount("web", "app", "exact")
            .Role("pattern", pattern).ServiceAccount("batch", "job-1", "pattern")
            .ServiceAccount("web", "gone", "missing-role");   // check 6's business

        Assert.Empty(builder.Run("IRSA007"));
    }

    // ---- IRSA008 SharedRole ----

    [Fact]
    public void SharedRole_AcrossNamespaces_AndAcrossClusters_IsReported()
    {
        var twoClusters = Document(
            Statement(Condition("StringEquals", [Sub("web", "app")]), Provider()),
            Statement(Condition("StringEquals", [Sub("web", "app")], issuerUrl: OtherIssuerUrl), Provider(OtherIssuerUrl)));
        var findings = new SnapshotBuilder()
            .IrsaRole("a-namespaces", ("web", "app"), ("batch", "app"))
            .Role("b-clusters", twoClusters)
            .Run("IRSA008");

        Assert.Equal(2, findings.Count);
        Assert.Equal(IrsaSeverity.Medium, findings[0].Severity);
        Assert.Contains("2 namespaces (batch, web)", findings[0].Message, System.StringComparison.Ordinal);
        Assert.Equal("2", findings[1].Properties["Clusters"]);
    }

    [Fact]
    public void SharedRole_TwoServiceAccountsOfOneNamespace_IsNotReported()
    {
        Assert.Empty(new SnapshotBuilder().IrsaRole("one-ns", ("web", "app"), ("web", "worker")).Run("IRSA008"));
    }

    // ---- IRSA011 HostNetworkIrsaPod ----

    [Fact]
    public void HostNetwork_WithIrsa_IsHigh_OncePerWorkload()
    {
        var builder = new SnapshotBuilder().IrsaRole("app-role", ("web", "app")).ServiceAccount("web", "app", "app-role")
            .Pod("web", "app-7d9f8b6c5d-a", "app", hostNetwork: true, roleArn: RoleArn("app-role"))
            .Pod("web", "app-7d9f8b6c5d-b", "app", hostNetwork: true, roleArn: RoleArn("app-role"));

        var finding = Assert.Single(builder.Run("IRSA011"));

        Assert.Equal(IrsaSeverity.High, finding.Severity);
        Assert.Equal("web/ReplicaSet/app-7d9f8b6c5d", finding.Resource);
        Assert.Equal("2", finding.Properties["Pods"]);
        Assert.Contains("kubectl rollout restart deployment/app -n web", finding.Remediation, System.StringComparison.Ordinal);
    }

    [Fact]
    public void HostNetwork_CleanLookAlikes_AreNotReported()
    {
        var builder = new SnapshotBuilder().ServiceAccount("kube-system", "node-agent").ServiceAccount("web", "app", "app-role")
            .Pod("kube-system", "agent-1", "node-agent", hostNetwork: true, injected: false)   // no IRSA
            .Pod("web", "app-1", "app", roleArn: RoleArn("app-role"))                           // IRSA, pod network
            .Pod("web", "app-old", "app", hostNetwork: true, roleArn: RoleArn("app-role"), phase: "Succeeded");

        Assert.Empty(builder.Run("IRSA011"));
    }

    // ---- IRSA012 PodStartedBeforeAnnotation ----

    [Fact]
    public void PodWithoutAwsRoleArn_OrWithTheOldRole_IsReported()
    {
        var builder = new SnapshotBuilder().ServiceAccount("web", "app", "app-role")
            .Pod("web", "app-aaa-1", "app", injected: false, ownerName: "app-aaa")
            .Pod("web", "app-bbb-1", "app", roleArn: RoleArn("old-role"), ownerName: "app-bbb")
            .Pod("web", "app-ccc-1", "app", roleArn: RoleArn("app-role"), ownerName: "app-ccc");

        var findings = builder.Run("IRSA012");

        Assert.Equal(["web/ReplicaSet/app-aaa", "web/ReplicaSet/app-bbb"], findings.Select(f => f.Resource).ToArray());
        Assert.Contains("have no AWS_ROLE_ARN", findings[0].Message, System.StringComparison.Ordinal);
        Assert.Contains("AWS_ROLE_ARN=" + RoleArn("old-role"), findings[1].Message, System.StringComparison.Ordinal);
        Assert.All(findings, f => Assert.Equal(IrsaSeverity.Medium, f.Severity));
    }

    [Fact]
    public void PodWithoutAwsRoleArn_CleanLookAlikes_AreNotReported()
    {
        var builder = new SnapshotBuilder().ServiceAccount("web", "app", "app-role").ServiceAccount("web", "plain")
            .Pod("web", "ok", "app", roleArn: RoleArn("app-role"))
            .Pod("web", "from-reference", "app", injected: true, roleArn: null)       // AWS_ROLE_ARN set from a reference
            .Pod("web", "done", "app", injected: false, phase: "Succeeded")
            .Pod("web", "plain-1", "plain", injected: false);

        Assert.Empty(builder.Run("IRSA012"));
    }

    [Fact]
    public void PodWithoutAwsRoleArn_SkipsWhenPodsWereNotGathered()
    {
        var builder = new SnapshotBuilder { Gathered = AuditNeeds.All & ~AuditNeeds.Pods }.ServiceAccount("web", "app", "app-role");

        Assert.Empty(builder.Run("IRSA012"));
    }
}
