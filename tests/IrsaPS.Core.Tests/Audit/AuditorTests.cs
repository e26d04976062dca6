using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Audit.Checks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Models;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>The auditor over snapshots: selection, ordering, fingerprints, -FailOn, progress, and in-memory scale.</summary>
public class AuditorTests
{
    [Fact]
    public void Catalog_HasItsChecks_WithStableIdsAndUniqueNames()
    {
        var all = AuditCheckCatalog.All;

        Assert.Equal(
            Enumerable.Range(1, 22).Concat(Enumerable.Range(30, 4)).Concat(Enumerable.Range(40, 2)).Select(i => "IRSA" + i.ToString("D3", CultureInfo.InvariantCulture)),
            all.Select(c => c.Id));
        Assert.Contains(all, c => c.Id == "IRSA040" && c.Name == "ControllerPolicyOutdated");
        Assert.Contains(all, c => c.Id == "IRSA041" && c.Name == "ControllerPolicyUnscoped");
        Assert.Equal(all.Count, all.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(all, c => Assert.False(string.IsNullOrWhiteSpace(c.Title + c.Description + c.Help)));
        Assert.Equal(["IRSA014", "IRSA031", "IRSA032", "IRSA033"], all.Where(c => !c.InDefaultSet).Select(c => c.Id));
    }

    [Fact]
    public void Select_ByIdOrName_CaseInsensitive_InIdOrder_WithoutDuplicates()
    {
        var selected = AuditCheckCatalog.Select(["sharedrole", "IRSA001", "irsa008"]);

        Assert.Equal(["IRSA001", "IRSA008"], selected.Select(c => c.Id));
        Assert.DoesNotContain(AuditCheckCatalog.Select(null), c => c.Id == "IRSA014");
        Assert.Contains(AuditCheckCatalog.Select(null, boundaryRequired: true), c => c.Id == "IRSA014");
    }

    [Fact]
    public void Select_UnknownCheck_IsBadInput_NamingTheKnownChecks()
    {
        var error = Assert.Throws<IrsaValidationException>(() => AuditCheckCatalog.Select(["IRSA099"]));

        Assert.Equal(ErrorIds.UnknownAuditCheck, error.ErrorId);
        Assert.Equal("IRSA099", error.Target);
        Assert.Contains("IRSA007 AnnotatedRoleDoesNotTrust", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 500, 8)]
    [InlineData(1001, 500, 8)]
    [InlineData(1000, 0, 8)]
    [InlineData(1000, 500, 33)]
    public void Options_OutOfRange_AreBadInput(int rolePage, int kubePage, int parallel)
    {
        var options = new AuditOptions { RolePageSize = rolePage, KubernetesPageSize = kubePage, MaxParallelCalls = parallel };

        Assert.Equal(ErrorIds.InvalidAuditOption, Assert.Throws<IrsaValidationException>(() => IrsaAuditor.Evaluate(new SnapshotBuilder().Build(), options)).ErrorId);
    }

    [Fact]
    public void RequiredBoundary_MustBeAPolicyArn()
    {
        var error = Assert.Throws<IrsaValidationException>(() => IrsaAuditor.Evaluate(new SnapshotBuilder().Build(), new AuditOptions { RequiredPermissionsBoundaryArn = "boundary" }));

        Assert.Equal(ErrorIds.InvalidArn, error.ErrorId);
    }

    private static SnapshotBuilder Mixed() => new SnapshotBuilder()
        .Role("z-open", Document(Statement(null, Provider())))
        .Role("a-open", Document(Statement(null, Provider())))
        .IrsaRole("shared", ("web", "app"), ("batch", "app"))
        .ServiceAccount("web", "app", "shared")
        .ServiceAccount("batch", "app", "missing");

    [Fact]
    public void Findings_AreOrderedByCheckThenResource_AndStableAcrossRuns()
    {
        var first = IrsaAuditor.Evaluate(Mixed().Build());
        var second = IrsaAuditor.Evaluate(Mixed().Build());

        var keys = first.Findings.Select(f => f.CheckId + " " + f.Resource).ToList();
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), keys);
        Assert.Equal(first.Findings.Select(f => f.Fingerprint), second.Findings.Select(f => f.Fingerprint));
        Assert.Equal(first.Findings.Count, first.Findings.Select(f => f.Fingerprint).Distinct().Count());
        Assert.All(first.Findings, f => Assert.Matches("^[0-9a-f]{32}$", f.Fingerprint));
        Assert.Equal([RoleArn("a-open"), RoleArn("z-open")], first.FindingsOf("IRSA001").Select(f => f.Resource));
    }

    [Fact]
    public void HasFindingsAtOrAbove_IsFailOnsTest()
    {
        var result = IrsaAuditor.Evaluate(Mixed().Build());

        Assert.Equal(IrsaSeverity.Critical, result.HighestSeverity);
        Assert.True(result.HasFindingsAtOrAbove(IrsaSeverity.Critical));
        var medium = IrsaAuditor.Evaluate(Mixed().Build(), new AuditOptions { Checks = ["IRSA008"] });
        Assert.Equal(IrsaSeverity.Medium, medium.HighestSeverity);
        Assert.True(medium.HasFindingsAtOrAbove(IrsaSeverity.Medium));
        Assert.False(medium.HasFindingsAtOrAbove(IrsaSeverity.High));
        var clean = IrsaAuditor.Evaluate(new SnapshotBuilder().IrsaRole("ok", ("web", "app")).ServiceAccount("web", "app", "ok").Build());
        Assert.Empty(clean.Findings);
        Assert.Null(clean.HighestSeverity);
        Assert.False(clean.HasFindingsAtOrAbove(IrsaSeverity.Info));
    }

    [Fact]
    public void Statistics_SayWhatWasRead()
    {
        var result = IrsaAuditor.Evaluate(Mixed().Pod("web", "p", "app", roleArn: RoleArn("shared")).Build());

        Assert.Equal(3, result.Statistics.Roles);
        Assert.Equal(3, result.Statistics.ClusterRoles);
        Assert.Equal(1, result.Statistics.OidcProviders);
        Assert.Equal(2, result.Statistics.ServiceAccounts);
        Assert.Equal(2, result.Statistics.AnnotatedServiceAccounts);
        Assert.Equal(1, result.Statistics.PodsExamined);
    }

    [Fact]
    public void Progress_ReportsEachCheck_AndCompletes()
    {
        var host = new RecordingHost();

        IrsaAuditor.Evaluate(Mixed().Build(), new AuditOptions { Checks = ["IRSA001", "IRSA008"] }, host);

        Assert.Equal(["IRSA001 TrustWithoutSubject", "IRSA008 SharedRole", "Done"], host.Progress.Select(p => p.Status));
        Assert.True(host.Progress[^1].Completed);
    }

    [Fact]
    public void Evaluation_OfFiveThousandRolesAndTwentyThousandServiceAccounts_IsIndexed()
    {
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 5000; i++)
        {
            var ns = "ns-" + (i % 20).ToString("D2", CultureInfo.InvariantCulture);
            var sa = "sa-" + i.ToString("D5", CultureInfo.InvariantCulture);
            if (i % 100 == 0)
            {
                builder.Role("role-" + i.ToString("D5", CultureInfo.InvariantCulture), Document(Statement(Condition("StringLike", [$"system:serviceaccount:{ns}:sa-0*"]), Provider())));
            }
            else
            {
                builder.IrsaRole("role-" + i.ToString("D5", CultureInfo.InvariantCulture), (ns, sa));
            }
        }

        for (var i = 0; i < 20000; i++)
        {
            var ns = "ns-" + (i % 20).ToString("D2", CultureInfo.InvariantCulture);
            var sa = "sa-" + i.ToString("D5", CultureInfo.InvariantCulture);
            builder.ServiceAccount(ns, sa, i < 5000 ? "role-" + i.ToString("D5", CultureInfo.InvariantCulture) : null);
        }

        var snapshot = builder.Build();
        var clock = Stopwatch.StartNew();
        var result = IrsaAuditor.Evaluate(snapshot);
        clock.Stop();

        Assert.Equal(5000, result.Statistics.ClusterRoles);
        Assert.Equal(5000, result.Statistics.AnnotatedServiceAccounts);
        Assert.Equal(50, result.FindingsOf("IRSA002").Count);
        Assert.Empty(result.FindingsOf("IRSA007"));
        // roles × service accounts would be 10^8 evaluations; indexed, it is a few hundred milliseconds even on 2 shared cores.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    internal sealed class RecordingHost : IOperationHost
    {
        public List<OperationProgress> Progress { get; } = [];

        public void WriteVerbose(string message)
        {
        }

        public void WriteWarning(string message)
        {
        }

        public void WriteProgress(OperationProgress progress)
        {
            lock (Progress)
            {
                Progress.Add(progress);
            }
        }

        public bool ShouldProcess(string target, string action, string? detail, bool highImpact) => true;
    }
}
