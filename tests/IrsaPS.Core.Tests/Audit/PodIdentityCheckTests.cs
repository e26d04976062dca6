using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Audit.Checks;
using IrsaPS.Core.Audit.Reports;
using IrsaPS.Core.Models;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>IRSA017-IRSA022: the EKS Pod Identity checks, each with planted positives and clean look-alikes.</summary>
public sealed class PodIdentityCheckTests
{
    private const string ClusterArn = "arn:aws:eks:us-east-1:" + Account + ":cluster/" + Cluster;

    private static string PodTrust(string condition = "") =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]" + condition + "}]}";

    private static string Scoped(string ns, string sa) =>
        ",\"Condition\":{\"StringEquals\":{\"aws:RequestTag/eks-cluster-arn\":\"" + ClusterArn + "\",\"aws:RequestTag/kubernetes-namespace\":\"" + ns + "\",\"aws:RequestTag/kubernetes-service-account\":\"" + sa + "\"}}";

    // ---- IRSA017 AnnotationShadowsAssociation ----

    [Fact]
    public void AnnotationShadowsAssociation_ReportsAnnotatedAndAssociated_ButNotEitherAlone()
    {
        var findings = new SnapshotBuilder()
            .ServiceAccount("web", "both", "app").Association("web", "both", "app", id: "a-000000000000000b1")
            .ServiceAccount("web", "irsa", "app")
            .ServiceAccount("web", "pod").Association("web", "pod", "app", id: "a-000000000000000p1")
            .Association("web", "elsewhere", "app", id: "a-000000000000000e1")
            .Run("IRSA017");

        var finding = Assert.Single(findings);
        Assert.Equal(("web/both", IrsaSeverity.Medium), (finding.Resource, finding.Severity));
        Assert.Equal("a-000000000000000b1", finding.Properties["AssociationId"]);
        Assert.Contains("Start-IrsaPodIdentityMigration", finding.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void PodIdentityChecks_ReportNothing_WhenTheAssociationsCouldNotBeRead()
    {
        var builder = new SnapshotBuilder { PodIdentityUnavailable = "AccessDeniedException" }
            .ServiceAccount("web", "both", "app").Association("web", "both", "app");

        Assert.Empty(builder.Run("IRSA017"));
        Assert.Empty(new SnapshotBuilder { Gathered = AuditNeeds.All & ~AuditNeeds.PodIdentity }.ServiceAccount("web", "both", "app").Association("web", "both", "app").Run("IRSA017"));
    }

    // ---- IRSA018 AssociationRoleDoesNotTrust ----

    [Fact]
    public void AssociationRoleDoesNotTrust_ReportsAMissingRole_AnIrsaOnlyTrust_AndAMissingTagSession()
    {
        var findings = new SnapshotBuilder()
            .IrsaRole("irsa-only", ("web", "a"))
            .Role("assume-only", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
            .Association("web", "a", "irsa-only", id: "a-00000000000000001")
            .Association("web", "b", "assume-only", id: "a-00000000000000002")
            .Association("web", "c", "gone", id: "a-00000000000000003")
            .Run("IRSA018");

        Assert.Equal(3, findings.Count);
        Assert.All(findings, f => Assert.Equal(IrsaSeverity.High, f.Severity));
        Assert.Contains(findings, f => f.Resource == "web/c" && f.Message.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Resource == "web/b" && f.Message.Contains("sts:TagSession", StringComparison.Ordinal));
    }

    [Fact]
    public void AssociationRoleDoesNotTrust_CleanLookAlikes_AndScopeMismatches()
    {
        var findings = new SnapshotBuilder()
            .Role("open", PodTrust())
            .Role("scoped", PodTrust(Scoped("web", "a")))
            .Role("elsewhere", PodTrust(Scoped("web", "other")))
            .Association("web", "a", "open", id: "a-00000000000000001")
            .Association("web", "a2", "scoped", id: "a-00000000000000009")
            .Association("web", "a", "scoped", id: "a-00000000000000002")
            .AssociationWithRoleArn("web", "x", RoleArn("foreign", OtherAccount), id: "a-00000000000000003")
            .Association("web", "untagged", "scoped", disableSessionTags: true, id: "a-00000000000000004")
            .Run("IRSA018");

        Assert.Equal(["web/a2", "web/untagged"], findings.Select(f => f.Resource).OrderBy(r => r, StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain(findings, f => f.Resource == "web/x"); // a role of another account is not judged
    }

    // ---- IRSA019 PodIdentityTrustNotPinned ----

    [Fact]
    public void PodIdentityTrustNotPinned_ReportsTheOpenStatement_NotPinnedOnesOrOtherServices()
    {
        var findings = new SnapshotBuilder()
            .Role("open", PodTrust())
            .Role("namespace-only", PodTrust(",\"Condition\":{\"StringEquals\":{\"aws:RequestTag/kubernetes-namespace\":\"web\"}}"))
            .Role("cluster", PodTrust(Scoped("web", "a")))
            .Role("account", PodTrust(",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"" + Account + "\"}}"))
            .Role("ec2", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
            .IrsaRole("irsa", ("web", "a"))
            .Run("IRSA019");

        Assert.Equal([RoleArn("namespace-only"), RoleArn("open")], findings.Select(f => f.Resource).OrderBy(r => r, StringComparer.Ordinal).ToArray());
        Assert.All(findings, f => Assert.Equal(IrsaSeverity.Medium, f.Severity));
    }

    // ---- IRSA020 AssociationWithoutServiceAccount ----

    [Fact]
    public void AssociationWithoutServiceAccount_ReportsMissingNamespacesAndServiceAccounts_LowForAddons()
    {
        var findings = new SnapshotBuilder()
            .ServiceAccount("web", "app").ServiceAccount("web", "default")
            .Association("web", "app", "r", id: "a-00000000000000001")
            .Association("web", "gone", "r", id: "a-00000000000000002")
            .Association("ghost", "app", "r", id: "a-00000000000000003")
            .Association("kube-system", "ebs-csi-controller-sa", "r", owner: "arn:aws:eks:us-east-1:123456789012:addon/prod/aws-ebs-csi-driver/1", id: "a-00000000000000004")
            .Run("IRSA020");

        Assert.Equal(["ghost/app", "kube-system/ebs-csi-controller-sa", "web/gone"], findings.Select(f => f.Resource).ToArray());
        Assert.Equal("Namespace", findings[0].Properties["Missing"]);
        Assert.Equal(IrsaSeverity.Low, findings[1].Severity);
        Assert.Equal(("ServiceAccount", IrsaSeverity.Medium), (findings[2].Properties["Missing"], findings[2].Severity));
        Assert.Equal("gone", findings[2].ServiceAccountName);
    }

    // ---- IRSA021 PodStartedBeforeIdentityChange ----

    [Fact]
    public void PodStartedBeforeIdentityChange_ReportsPodsOnTheOldIdentity_OncePerWorkload()
    {
        var findings = new SnapshotBuilder()
            .ServiceAccount("web", "moved").Association("web", "moved", "app", id: "a-00000000000000001")
            .CredentialPod("web", "moved-1", "moved", irsaRole: RoleArn("app"), ownerName: "moved-5d8f9c7b6")
            .CredentialPod("web", "moved-2", "moved", irsaRole: RoleArn("app"), ownerName: "moved-5d8f9c7b6")
            .CredentialPod("web", "moved-3", "moved", podIdentity: true, ownerName: "moved-5d8f9c7b6")
            .ServiceAccount("web", "late").Association("web", "late", "app", id: "a-00000000000000002")
            .CredentialPod("web", "late-1", "late", ownerName: "late-6c7d8e9f0")
            .ServiceAccount("web", "back", "app")
            .CredentialPod("web", "back-1", "back", podIdentity: true, ownerName: "back-1a2b3c4d5")
            .Run("IRSA021");

        Assert.Equal(["web/ReplicaSet/back-1a2b3c4d5", "web/ReplicaSet/late-6c7d8e9f0", "web/ReplicaSet/moved-5d8f9c7b6"], findings.Select(f => f.Resource).ToArray());
        Assert.Equal("2", findings[2].Properties["Pods"]);
        Assert.Contains("kubectl rollout restart deployment/moved", findings[2].Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void PodStartedBeforeIdentityChange_CleanLookAlikes()
    {
        var findings = new SnapshotBuilder()
            .ServiceAccount("web", "ok").Association("web", "ok", "app")
            .CredentialPod("web", "ok-1", "ok", podIdentity: true)
            .ServiceAccount("web", "irsa", "app")
            .CredentialPod("web", "irsa-1", "irsa", irsaRole: RoleArn("app"))
            .CredentialPod("web", "irsa-2", "irsa")                                  // no env at all: IRSA012's finding
            .CredentialPod("web", "done", "ok", irsaRole: RoleArn("app"), phase: "Succeeded")
            .ServiceAccount("web", "plain")
            .CredentialPod("web", "plain-1", "plain")
            .Run("IRSA021");

        Assert.Empty(findings);
    }

    // ---- IRSA022 PodIdentityAgentMissing ----

    [Fact]
    public void PodIdentityAgentMissing_IsHighWhenAssociationsExistWithoutAnAgent_NothingWithoutAssociations()
    {
        var missing = new SnapshotBuilder { PodIdentityAgent = null }.Node("node-1").ServiceAccount("web", "app").Association("web", "app", "r").Run("IRSA022");
        var noAssociations = new SnapshotBuilder { PodIdentityAgent = null }.Node("node-1").Run("IRSA022");
        var autoMode = new SnapshotBuilder { PodIdentityAgent = null }
            .Node("auto-1", labels: new Dictionary<string, string> { ["eks.amazonaws.com/compute-type"] = "auto" })
            .ServiceAccount("web", "app").Association("web", "app", "r").CredentialPod("web", "app-1", "app", podIdentity: true, node: "auto-1")
            .Run("IRSA022");

        Assert.Equal(IrsaSeverity.High, Assert.Single(missing).Severity);
        Assert.Empty(noAssociations);
        Assert.Empty(autoMode);
    }

    [Fact]
    public void PodIdentityAgentMissing_ReportsNodesWithoutAnAgentPod_WherePodsRelyOnAnAssociation()
    {
        var findings = new SnapshotBuilder()
            .AgentNode("node-1")
            .Node("node-2", labels: new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" })
            .Node("fargate-1", providerId: "aws:///us-east-1a/fargate-ip-1", labels: new Dictionary<string, string> { ["eks.amazonaws.com/compute-type"] = "fargate" })
            .ServiceAccount("web", "app").Association("web", "app", "r")
            .CredentialPod("web", "app-1", "app", podIdentity: true, node: "node-1")
            .CredentialPod("web", "app-2", "app", podIdentity: true, node: "node-2")
            .CredentialPod("web", "app-3", "app", podIdentity: true, node: "fargate-1")
            .ServiceAccount("web", "irsa", "r").Association("web", "irsa", "r", id: "a-0000000000000000x")
            .CredentialPod("web", "irsa-1", "irsa", irsaRole: RoleArn("r"), node: "node-2")
            .Run("IRSA022");

        Assert.Equal(["fargate-1", "node-2"], findings.Select(f => f.Resource).ToArray());
        Assert.Equal("fargate", findings[0].Properties["NodeKind"]);
        Assert.Equal("1", findings[1].Properties["Pods"]);
    }

    [Fact]
    public void TheNewChecks_AreInTheCatalogInIdOrder_InTheDefaultSet_AndInSarifAndJUnit()
    {
        var ids = AuditCheckCatalog.All.Select(c => c.Id).ToList();
        var findings = new SnapshotBuilder().ServiceAccount("web", "both", "app").Association("web", "both", "app").Role("open", PodTrust()).Run("IRSA017");
        var result = IrsaAuditor.Evaluate(new SnapshotBuilder().ServiceAccount("web", "both", "app").Association("web", "both", "app").Build(), new AuditOptions { Checks = ["IRSA017", "AnnotationShadowsAssociation", "IRSA022"] });

        Assert.Equal(["IRSA017", "IRSA018", "IRSA019", "IRSA020", "IRSA021", "IRSA022"], ids.Where(i => string.CompareOrdinal(i, "IRSA017") >= 0 && string.CompareOrdinal(i, "IRSA022") <= 0).ToArray());
        Assert.All(AuditCheckCatalog.Select(null).Where(c => string.CompareOrdinal(c.Id, "IRSA017") >= 0 && string.CompareOrdinal(c.Id, "IRSA022") <= 0), c => Assert.True(c.InDefaultSet));
        Assert.Equal(2, result.Checks.Count);
        Assert.Single(findings);
        var sarif = SarifReportWriter.ToJson(result);
        var junit = JUnitReportWriter.ToXml(result);
        Assert.Contains("\"ruleId\": \"IRSA017\"", sarif, StringComparison.Ordinal);
        Assert.Contains("AnnotationShadowsAssociation", junit, StringComparison.Ordinal);
    }
}
