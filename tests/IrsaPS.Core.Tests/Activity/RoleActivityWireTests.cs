using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Activity;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Core.Tests.Operations;
using IrsaPS.Emulators.CloudTrail;
using Xunit;

namespace IrsaPS.Core.Tests.Activity;

/// <summary>
/// Get-IrsaRoleActivity's core against moto and the emulated CloudTrail: the join of events to roles, trusts and the
/// cluster; the page count; both sources giving the same answer; a live assumption; Ctrl+C; input checked first.
/// </summary>
public sealed class RoleActivityWireTests : IClassFixture<IrsaWorld>
{
    private readonly IrsaWorld _world;

    public RoleActivityWireTests(IrsaWorld world) => _world = world;

    [Fact]
    public async Task AClustersRoles_FromLookupEvents_CountEverySubjectsAssumptionsAndRefusals_InCeilOfEventsOver50Pages()
    {
        await using var world = await ActivityTestWorld.StartAsync(_world);
        var spec = Spec("act-a", roles: 6, events: 420, serviceAccounts: 2);
        await world.CreateRolesAsync(spec, trusted: 3);
        var (events, summary) = TrailEventGenerator.Generate(spec);
        world.Trail.Events.AddRange(events);
        world.LastUsed.Seed(spec.RoleName(1), DateTime.UtcNow.AddDays(-200), "eu-west-1");
        var counter = new AwsCallCounter();
        var host = new RecordingHost();
        using var session = world.Session(host, observer: counter);

        var result = await IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { ClusterNames = [IrsaWorld.ClusterName], Days = 7 });

        Assert.True(result.Read.Complete);
        Assert.Equal((int)Math.Ceiling(summary.WebIdentity / 50.0), counter.Calls("CloudTrail", "LookupEvents"));
        Assert.Equal("EventName=AssumeRoleWithWebIdentity", result.Read.LookupAttribute);
        Assert.Equal(1, counter.Calls("IAM", "GetAccountAuthorizationDetails"));
        Assert.Equal(0, counter.Calls("IAM", "GetRole"));
        var rows = result.Activities.Where(r => r.RoleName.StartsWith(spec.RolePrefix, StringComparison.Ordinal)).ToList();
        AssertRowsMatch(spec, events, rows, trusted: 3);
        Assert.All(rows, r => Assert.Equal(IrsaWorld.ClusterName, r.ClusterName));
        Assert.All(rows, r => Assert.Equal("LookupEvents", r.Source));
        var seeded = rows.First(r => r.RoleName == spec.RoleName(1));
        Assert.Equal("eu-west-1", seeded.RoleLastUsedRegion);
        Assert.True(seeded.RoleLastUsed < DateTimeOffset.UtcNow.AddDays(-199));
        Assert.Contains(host.Progress, p => p.Status.Contains("left", StringComparison.Ordinal) || p.Completed);
    }

    [Fact]
    public async Task TrailFiles_OfTheSameEvents_GiveTheSameAnswerAsLookupEvents()
    {
        await using var world = await ActivityTestWorld.StartAsync(_world);
        var spec = Spec("act-f", roles: 5, events: 380, serviceAccounts: 2) with { OtherEventFraction = 0.15, Regions = ["us-east-1", "eu-west-1"] };
        await world.CreateRolesAsync(spec, trusted: 2);
        var (events, _) = TrailEventGenerator.Generate(spec);
        world.Trail.Events.AddRange(events);
        using var files = new TempDirectory();
        var host = new RecordingHost();
        using var session = world.Session(host);
        var end = DateTime.UtcNow;

        var fromApi = await IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { ClusterNames = [IrsaWorld.ClusterName], Regions = ["us-east-1", "eu-west-1"], StartTime = end.AddDays(-8), EndTime = end });

        // The emulator's own events, exported as a trail delivers them, read back from disk.
        var exported = world.Trail.ExportRecords(null);
        var records = TrailEvent.FromRecordsBody(exported, MotoFixture.Region);
        TrailFileWriter.WriteTree(files.Path, IrsaWorld.AccountId, records, eventsPerFile: 40);
        var fromFiles = await IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { ClusterNames = [IrsaWorld.ClusterName], Paths = [files.Path], StartTime = end.AddDays(-8), EndTime = end });

        Assert.True(fromFiles.Read.FilesRead > 2);
        Assert.Equal(fromApi.EventsMatched, fromFiles.EventsMatched);
        Assert.Equal(Project(fromApi.Activities, spec), Project(fromFiles.Activities, spec));
        Assert.NotEmpty(Project(fromFiles.Activities, spec));
        Assert.All(fromFiles.Activities, r => Assert.Equal("TrailFiles", r.Source));
    }

    [Fact]
    public async Task OneRole_IsLookedUpByResourceName_AndOnlyItsEventsArePaged()
    {
        await using var world = await ActivityTestWorld.StartAsync(_world);
        var spec = Spec("act-r", roles: 8, events: 800, serviceAccounts: 1) with { OtherEventFraction = 0.2 };
        await world.CreateRolesAsync(spec, trusted: 1);
        var (events, _) = TrailEventGenerator.Generate(spec);
        world.Trail.Events.AddRange(events);
        var counter = new AwsCallCounter();
        using var session = world.Session(new RecordingHost(), observer: counter);
        var naming = events.Count(e => e.Resources.Any(r => r.Name == spec.RoleArn(3)) && e.Time >= DateTime.UtcNow.AddDays(-7).AddMinutes(1));

        var result = await IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { RoleArns = [spec.RoleArn(3)] });

        Assert.Equal("ResourceName", result.Read.LookupAttribute);
        Assert.Equal((int)Math.Ceiling(naming / 50.0), counter.Calls("CloudTrail", "LookupEvents"));
        Assert.Equal(1, counter.Calls("IAM", "GetRole"));
        Assert.All(result.Activities, r => Assert.Equal(spec.RoleName(3), r.RoleName));
        var facts = ActivityTestWorld.WebIdentityFacts(events).Where(f => f.Role == spec.RoleArn(3) && f.Error is null && f.Time >= DateTime.UtcNow.AddDays(-7).AddMinutes(1)).ToList();
        Assert.Equal(facts.Count, result.Activities.Sum(r => r.AssumeCount));
    }

    [Fact]
    public async Task ALiveAssumption_ShowsUpWithItsTimeRoleAndServiceAccount()
    {
        await using var world = await ActivityTestWorld.StartAsync(_world);
        var role = Names.Unique("live");
        using (var aws = _world.Connect())
        {
            await aws.Iam.CreateRoleAsync(new IrsaPS.Core.Aws.Iam.Model.CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = world.Trust("system:serviceaccount:web:live") });
        }

        using var session = world.Session(new RecordingHost());
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await session.Aws.Sts.AssumeRoleWithWebIdentityAsync($"arn:aws:iam::{IrsaWorld.AccountId}:role/{role}", WebIdentityTokens.For(_world.Issuer, "web", "live"), "irsaps-test-web-live");
        await session.Aws.Sts.AssumeRoleWithWebIdentityAsync($"arn:aws:iam::{IrsaWorld.AccountId}:role/{role}", WebIdentityTokens.For(_world.Issuer, "web", "other"), "irsaps-test-web-other");

        var result = await IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { RoleNames = [role] });

        var live = Assert.Single(result.Activities, r => r.ServiceAccountName == "live");
        Assert.Equal(1, live.AssumeCount);
        Assert.InRange(live.LastAssumed!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("web", live.Namespace);
        Assert.Equal(IrsaWorld.ClusterName, live.ClusterName);
        Assert.True(live.Trusted);
        Assert.Equal([MotoFixture.Region], live.Regions);
        Assert.Equal(["127.0.0.1"], live.SourceAddresses);

        // moto lets anyone in: an assumption by a service account the trust does not admit is flagged, not hidden.
        var other = Assert.Single(result.Activities, r => r.ServiceAccountName == "other");
        Assert.False(other.Trusted);
        Assert.Equal(2, result.Activities.Count);
    }

    [Fact]
    public async Task Stopping_KeepsWhatWasRead_AndSaysItIsIncomplete()
    {
        await using var world = await ActivityTestWorld.StartAsync(_world, emulatorRate: 2);
        var spec = Spec("act-c", roles: 3, events: 600, serviceAccounts: 1);
        await world.CreateRolesAsync(spec, trusted: 1);
        world.Trail.Events.AddRange(TrailEventGenerator.Generate(spec).Events);
        var host = new RecordingHost();
        using var session = world.Session(host, clientRate: null);
        using var stop = new CancellationTokenSource();
        var request = new RoleActivityRequest { RoleArns = [spec.RoleArn(0), spec.RoleArn(1), spec.RoleArn(2)] };

        var running = IrsaRoleActivities.GetAsync(session, request, stop.Token);
        while (world.Trail.LookupRequests < 3)
        {
            await Task.Delay(50);
        }

        stop.Cancel();
        var result = await running;

        Assert.False(result.Read.Complete);
        Assert.All(result.Activities, r => Assert.False(r.Complete));
        // The third request was sent, so the first two pages were read (each request carries the previous page's token);
        // the third may still have been on the wire when the stop came, and is then not counted.
        Assert.InRange(result.EventsRead, 100, 599);
        Assert.Equal(result.EventsMatched, result.Activities.Sum(r => r.AssumeCount + r.RefusedCount));
        Assert.Contains(host.Warnings, w => w.Contains("stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadInput_FailsBeforeAnyCall()
    {
        await using var world = await ActivityTestWorld.StartAsync(_world);
        var counter = new AwsCallCounter();
        using var session = world.Session(new RecordingHost(), observer: counter);

        await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { Days = 91 }));
        await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { Days = 3, StartTime = DateTime.UtcNow.AddDays(-1) }));
        await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { RoleNames = ["bad name!"] }));
        await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { Regions = ["mars-1"] }));
        var path = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { Paths = ["/nonexistent/trail"] }));
        Assert.Equal(ErrorIds.TrailPathNotFound, path.ErrorId);
        Assert.Equal(0, counter.TotalCalls);

        var foreign = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoleActivities.GetAsync(session, new RoleActivityRequest { RoleArns = ["arn:aws:iam::999999999999:role/x"] }));
        Assert.Equal(ErrorIds.RoleOfAnotherAccount, foreign.ErrorId);
        Assert.Equal(0, counter.Calls("CloudTrail", "LookupEvents"));
    }

    private TrailGenerationSpec Spec(string prefix, int roles, int events, int serviceAccounts) => new()
    {
        Events = events,
        Roles = roles,
        ServiceAccountsPerRole = serviceAccounts,
        RolePrefix = Names.Unique(prefix) + "-",
        Issuer = _world.Issuer,
        RefusedFraction = 0.05,
        End = DateTime.UtcNow.AddMinutes(-1),
        Start = DateTime.UtcNow.AddDays(-6),
        Seed = prefix.GetHashCode(StringComparison.Ordinal),
    };

    /// <summary>Every (role, subject) of the generated web-identity events has a row with exactly their counts and times; every trusted subject not seen has a zero row.</summary>
    private static void AssertRowsMatch(TrailGenerationSpec spec, IReadOnlyList<TrailEvent> events, List<IrsaRoleActivity> rows, int trusted)
    {
        var facts = ActivityTestWorld.WebIdentityFacts(events).GroupBy(f => (f.Role, f.Subject)).ToList();
        foreach (var group in facts)
        {
            var row = Assert.Single(rows, r => r.RoleArn == group.Key.Role && r.Subject == group.Key.Subject);
            var successes = group.Where(f => f.Error is null).ToList();
            Assert.Equal(successes.Count, row.AssumeCount);
            Assert.Equal(group.Count(f => f.Error is not null), row.RefusedCount);
            Assert.Equal(successes.Count == 0 ? null : successes.Max(f => f.Time), row.LastAssumed?.UtcDateTime);
            Assert.Equal(successes.Count == 0 ? null : successes.Min(f => f.Time), row.FirstAssumed?.UtcDateTime);
            foreach (var code in group.Where(f => f.Error is not null).GroupBy(f => f.Error!))
            {
                Assert.Equal(code.Count(), row.RefusedErrorCodes[code.Key]);
            }

            Assert.Equal(!row.Subject.EndsWith(":intruder", StringComparison.Ordinal), row.Trusted);
        }

        for (var role = 0; role < spec.Roles; role++)
        {
            for (var k = 0; k < trusted; k++)
            {
                var row = Assert.Single(rows, r => r.RoleName == spec.RoleName(role) && r.Subject == spec.SubjectOf(role, k));
                if (k >= spec.ServiceAccountsPerRole)
                {
                    Assert.Equal(0, row.AssumeCount);
                    Assert.True(row.Trusted);
                }
            }
        }

        Assert.Equal(facts.Count + (spec.Roles * Math.Max(0, trusted - spec.ServiceAccountsPerRole)), rows.Count);
    }

    private static List<string> Project(IEnumerable<IrsaRoleActivity> rows, TrailGenerationSpec spec) => rows
        .Where(r => r.RoleName.StartsWith(spec.RolePrefix, StringComparison.Ordinal))
        .Select(r => string.Join(
            "|",
            r.RoleArn,
            r.Subject,
            r.ClusterName,
            r.Trusted,
            r.AssumeCount,
            r.FirstAssumed?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            r.LastAssumed?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            r.RefusedCount,
            string.Join(",", r.RefusedErrorCodes.Select(p => p.Key + "=" + p.Value)),
            string.Join(",", r.SourceAddresses),
            string.Join(",", r.UserAgents),
            string.Join(",", r.Regions)))
        .ToList();
}
