using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Activity;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Audit.Checks;
using IrsaPS.Core.Models;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>
/// IRSA030-IRSA033 on snapshots built by hand: every planted case is found, and the clean look-alikes next to it are not.
/// </summary>
public sealed class ActivityCheckTests
{
    private static readonly DateTime Now = new(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    // ---- IRSA030 UnusedIrsaRole ----

    [Fact]
    public void UnusedRole_FindsRolesIdleForNDaysOrNeverUsed_AndNothingElse()
    {
        var snapshot = Snapshot(
        [
            Role("idle", Irsa([Sub("web", "a")]), created: Now.AddDays(-500), lastUsed: Now.AddDays(-120), region: "eu-west-1"),
            Role("never", Irsa([Sub("web", "b")]), created: Now.AddDays(-200)),
            Role("recent", Irsa([Sub("web", "c")]), created: Now.AddDays(-500), lastUsed: Now.AddDays(-10)),
            Role("young", Irsa([Sub("web", "d")]), created: Now.AddDays(-5)),
            Role("boundary", Irsa([Sub("web", "e")]), created: Now.AddDays(-500), lastUsed: Now.AddDays(-89)),
            Role("other-cluster", Irsa([Sub("web", "f")], OtherIssuerUrl), created: Now.AddDays(-500), lastUsed: Now.AddDays(-300)),
            Role("not-irsa", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}", created: Now.AddDays(-900)),
            Role("unknown", Irsa([Sub("web", "g")]), created: Now.AddDays(-500), lastUsedKnown: false),
        ]);

        var findings = Run(snapshot, "IRSA030");

        Assert.Equal([RoleArn("idle"), RoleArn("never")], findings.Select(f => f.Resource));
        Assert.All(findings, f => Assert.Equal(IrsaSeverity.Low, f.Severity));
        var idle = findings[0];
        Assert.Equal("120", idle.Properties["DaysUnused"]);
        Assert.Equal("eu-west-1", idle.Properties["LastUsedRegion"]);
        Assert.Contains("last used 120 days ago (2024-02-02 in eu-west-1)", idle.Message, StringComparison.Ordinal);
        Assert.Contains("never been used", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains("Remove-IrsaRole -RoleName never", findings[1].Remediation, StringComparison.Ordinal);
        Assert.Equal(TrustDocs_Cluster, idle.ClusterName);
    }

    [Fact]
    public void UnusedRole_FollowsUnusedRoleDays_AndIsInTheDefaultSet()
    {
        var snapshot = Snapshot([Role("idle", Irsa([Sub("web", "a")]), created: Now.AddDays(-500), lastUsed: Now.AddDays(-120))]);

        Assert.Empty(IrsaAuditor.Evaluate(snapshot, new AuditOptions { Checks = ["IRSA030"], UnusedRoleDays = 365 }).Findings);
        Assert.Single(IrsaAuditor.Evaluate(snapshot, new AuditOptions()).Findings, f => f.CheckId == "IRSA030");
        Assert.Contains(AuditCheckCatalog.Select(null), c => c.Id == "IRSA030");
    }

    // ---- IRSA031 UnusedTrustGrant ----

    [Fact]
    public void UnusedTrustGrant_FindsEveryTrustedSubjectWithoutASuccessfulAssumption_AndNothingElse()
    {
        var patternUsed = Document(Statement(Condition("StringLike", [Sub("batch", "job-*")]), Provider()));
        var patternUnused = Document(Statement(Condition("StringLike", [Sub("etl", "run-*")]), Provider()));
        var snapshot = Snapshot(
            [
                Role("two", Irsa([Sub("web", "a"), Sub("web", "b")]), created: Now.AddDays(-400)),
                Role("refused-only", Irsa([Sub("web", "c")]), created: Now.AddDays(-400)),
                Role("elsewhere", Irsa([Sub("web", "d")]), created: Now.AddDays(-400)),
                Role("pattern-used", patternUsed, created: Now.AddDays(-400)),
                Role("pattern-unused", patternUnused, created: Now.AddDays(-400)),
                Role("young", Irsa([Sub("web", "y")]), created: Now.AddDays(-2)),
                Role("other-cluster", Irsa([Sub("web", "z")], OtherIssuerUrl), created: Now.AddDays(-400)),
            ],
            [
                Assume("two", "web", "a", Now.AddDays(-3)),
                Assume("refused-only", "web", "c", Now.AddDays(-3), error: "InvalidIdentityToken"),
                Assume("elsewhere", "web", "d", Now.AddDays(-3), issuer: OtherIssuerUrl),
                Assume("pattern-used", "batch", "job-17", Now.AddDays(-1)),
            ]);

        var findings = Run(snapshot, "IRSA031");

        Assert.Equal(
            [
                (RoleArn("elsewhere"), Sub("web", "d"), IrsaSeverity.Low),
                (RoleArn("pattern-unused"), Sub("etl", "run-*"), IrsaSeverity.Low),
                (RoleArn("refused-only"), Sub("web", "c"), IrsaSeverity.Low),
                (RoleArn("two"), Sub("web", "b"), IrsaSeverity.Low),
                (RoleArn("young"), Sub("web", "y"), IrsaSeverity.Info),
            ],
            findings.Select(f => (f.Resource, f.Properties["Subject"], f.Severity)).OrderBy(t => t.Resource, StringComparer.Ordinal));
        var two = findings.Single(f => f.RoleName == "two");
        Assert.Equal("web", two.Namespace);
        Assert.Equal("b", two.ServiceAccountName);
        Assert.Contains("Remove-IrsaRoleTrust -RoleName two -ClusterName prod -ServiceAccountName web/b", two.Remediation, StringComparison.Ordinal);
        Assert.Contains("in the last 30 days", two.Message, StringComparison.Ordinal);
    }

    // ---- IRSA032 RefusedAssumption ----

    [Fact]
    public void RefusedAssumption_IsMediumForUntrustedSubjects_LowForTrustedOnes_AndSilentWithoutRefusals()
    {
        var snapshot = Snapshot(
            [
                Role("app", Irsa([Sub("web", "app")]), created: Now.AddDays(-400)),
                Role("quiet", Irsa([Sub("web", "quiet")]), created: Now.AddDays(-400)),
            ],
            [
                Assume("app", "web", "intruder", Now.AddDays(-2), error: "AccessDenied", address: "10.0.0.9"),
                Assume("app", "web", "intruder", Now.AddDays(-1), error: "AccessDenied", address: "10.0.0.9"),
                Assume("app", "web", "app", Now.AddDays(-1), error: "InvalidIdentityToken"),
                Assume("app", "web", "app", Now.AddDays(-1)),
                Assume("quiet", "web", "quiet", Now.AddDays(-1)),
            ]);

        var findings = Run(snapshot, "IRSA032");

        Assert.Equal(2, findings.Count);
        var intruder = Assert.Single(findings, f => f.ServiceAccountName == "intruder");
        Assert.Equal(IrsaSeverity.Medium, intruder.Severity);
        Assert.Equal("AccessDenied x2", intruder.Properties["ErrorCodes"]);
        Assert.Equal("false", intruder.Properties["Trusted"]);
        Assert.Equal("10.0.0.9", intruder.Properties["SourceAddresses"]);
        Assert.Contains("does not admit it", intruder.Message, StringComparison.Ordinal);
        var trusted = Assert.Single(findings, f => f.ServiceAccountName == "app");
        Assert.Equal(IrsaSeverity.Low, trusted.Severity);
        Assert.Equal("true", trusted.Properties["Trusted"]);
    }

    // ---- IRSA033 DeletedServiceAccountAssumption ----

    [Fact]
    public void DeletedServiceAccountAssumption_FindsSuccessfulAssumptionsByGoneServiceAccounts_AndNothingElse()
    {
        var snapshot = Snapshot(
            [Role("app", Irsa([Sub("web", "gone"), Sub("web", "here"), Sub("web", "refused")]), created: Now.AddDays(-400))],
            [
                Assume("app", "web", "gone", Now.AddDays(-4)),
                Assume("app", "web", "here", Now.AddDays(-4)),
                Assume("app", "web", "refused", Now.AddDays(-4), error: "AccessDenied"),
                Assume("app", "web", "gone-elsewhere", Now.AddDays(-4), issuer: OtherIssuerUrl),
            ],
            serviceAccounts: [ServiceAccount("web", "here", RoleArn("app"))]);

        var finding = Assert.Single(Run(snapshot, "IRSA033"));

        Assert.Equal(IrsaSeverity.Medium, finding.Severity);
        Assert.Equal(RoleArn("app"), finding.Resource);
        Assert.Equal("gone", finding.ServiceAccountName);
        Assert.Contains("no service account web/gone in cluster prod", finding.Message, StringComparison.Ordinal);
    }

    // ---- all CloudTrail checks ----

    [Fact]
    public void WhenCloudTrailCouldNotBeRead_EachCloudTrailCheckSaysSoOnce_AndGuessesNothing()
    {
        var snapshot = Snapshot(
            [Role("app", Irsa([Sub("web", "app")]), created: Now.AddDays(-400))],
            unavailable: "CloudTrail LookupEvents in us-east-1 failed (AccessDeniedException)");

        var findings = IrsaAuditor.Evaluate(snapshot, new AuditOptions { Checks = ["IRSA031", "IRSA032", "IRSA033"] }).Findings;

        Assert.Equal(["IRSA031", "IRSA032", "IRSA033"], findings.Select(f => f.CheckId));
        Assert.All(findings, f => Assert.Equal(IrsaSeverity.Info, f.Severity));
        Assert.All(findings, f => Assert.Contains("AccessDeniedException", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void TheCloudTrailChecksAreOptIn_AndIncludeCloudTrailAddsThem()
    {
        Assert.DoesNotContain(AuditCheckCatalog.Select(null), c => c.Id is "IRSA031" or "IRSA032" or "IRSA033");
        Assert.Equal(
            ["IRSA031", "IRSA032", "IRSA033"],
            AuditCheckCatalog.Select(null, includeCloudTrail: true).Select(c => c.Id).Where(id => id is "IRSA031" or "IRSA032" or "IRSA033"));
        Assert.All(AuditCheckCatalog.All.Where(c => c.Id is "IRSA031" or "IRSA032" or "IRSA033"), c => Assert.True(c.Needs.HasFlag(AuditNeeds.CloudTrailActivity)));
        Assert.False(AuditCheckCatalog.Find("IRSA030")!.Needs.HasFlag(AuditNeeds.CloudTrailActivity));
    }

    [Fact]
    public void CloudTrailFindings_GoToSarifAndJUnit_LikeEveryOther()
    {
        var snapshot = Snapshot(
            [Role("app", Irsa([Sub("web", "app")]), created: Now.AddDays(-400))],
            [Assume("app", "web", "intruder", Now.AddDays(-1), error: "AccessDenied")]);
        var result = IrsaAuditor.Evaluate(snapshot, new AuditOptions { IncludeCloudTrail = true });

        using var sarif = new System.IO.MemoryStream();
        IrsaPS.Core.Audit.Reports.SarifReportWriter.Write(result, sarif);
        using var document = System.Text.Json.JsonDocument.Parse(sarif.ToArray());
        var run = document.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains("IRSA032", rules);
        Assert.Contains("IRSA031", rules);
        Assert.Contains(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "IRSA032");

        using var junit = new System.IO.MemoryStream();
        IrsaPS.Core.Audit.Reports.JUnitReportWriter.Write(result, junit, IrsaSeverity.Medium);
        var xml = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(junit.ToArray()));
        Assert.Contains(xml.Descendants("testsuite"), s => ((string?)s.Attribute("name") ?? string.Empty).Contains("IRSA032", StringComparison.Ordinal) && (int?)s.Attribute("failures") == 1);
    }

    [Theory]
    [InlineData(0, 90)]
    [InlineData(91, 90)]
    [InlineData(30, 0)]
    [InlineData(30, 401)]
    public void OutOfRangeDays_AreBadInput(int activityDays, int unusedDays) =>
        Assert.Throws<IrsaPS.Core.Errors.IrsaValidationException>(() => IrsaAuditor.Evaluate(Snapshot([]), new AuditOptions { ActivityDays = activityDays, UnusedRoleDays = unusedDays }));

    private const string TrustDocs_Cluster = Cluster;

    private static List<IrsaFinding> Run(AuditSnapshot snapshot, string check) =>
        IrsaAuditor.Evaluate(snapshot, new AuditOptions { Checks = [check] }).Findings.ToList();

    private static AuditRole Role(string name, string trust, DateTime created, DateTime? lastUsed = null, string? region = null, bool lastUsedKnown = true) => new()
    {
        Arn = RoleArn(name),
        RoleName = name,
        TrustPolicy = trust,
        CreateDate = created,
        LastUsedKnown = lastUsedKnown,
        LastUsed = lastUsed,
        LastUsedRegion = lastUsed is null ? null : region ?? "us-east-1",
    };

    private static AssumeRoleEvent Assume(string role, string ns, string sa, DateTime time, string? error = null, string issuer = IssuerUrl, string address = "10.1.1.1") => new()
    {
        EventId = Guid.NewGuid().ToString(),
        EventTime = time,
        Region = "us-east-1",
        RoleArn = RoleArn(role),
        Subject = Sub(ns, sa),
        IdentityProvider = Provider(issuer),
        Audience = "sts.amazonaws.com",
        SourceAddress = address,
        UserAgent = "aws-sdk-go-v2/1.30.3",
        ErrorCode = error,
    };

    private static AuditSnapshot Snapshot(IReadOnlyList<AuditRole> roles, IReadOnlyList<AssumeRoleEvent>? events = null, IReadOnlyList<IrsaPS.Core.Kubernetes.KubeServiceAccount>? serviceAccounts = null, string? unavailable = null)
    {
        var window = new ActivityWindow(Now.AddDays(-30), Now);
        var aggregator = new ActivityAggregator(window, null);
        foreach (var e in events ?? [])
        {
            aggregator.Add(e);
        }

        return new AuditSnapshot
        {
            Cluster = new AuditClusterInfo { Name = Cluster, Region = "us-east-1", Issuer = IssuerUrl, Version = "1.31", Status = "ACTIVE", EndpointPublicAccess = true },
            AccountId = Account,
            Partition = "aws",
            Region = "us-east-1",
            Roles = roles,
            OidcProviders = [new AuditOidcProvider { Arn = Provider(), IssuerHostPath = HostPath, ClientIds = ["sts.amazonaws.com"] }],
            ServiceAccounts = serviceAccounts ?? [],
            TakenAt = Now,
            Activity = aggregator.Entries,
            ActivityWindow = window,
            ActivityUnavailable = unavailable,
        };
    }
}
