using System;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Models;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.CloudTrail;
using IrsaPS.Emulators.Faults;
using IrsaPS.Emulators.Iam;
using Xunit;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>
/// IRSA030-IRSA033 end to end: moto, the cluster stand-in, and the emulated CloudTrail and RoleLastUsed in front of moto;
/// CloudTrail is read only when a CloudTrail check runs, in ceil(events / 50) calls.
/// </summary>
public sealed class ActivityAuditWireTests : IClassFixture<MotoFixture>
{
    private const string OtherIssuer = "https://oidc.eks.us-east-1.amazonaws.com/id/0THERC1USTER0000000000000000000A";
    private readonly MotoFixture _moto;

    public ActivityAuditWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task WithCloudTrail_TheAuditFindsEveryPlantedCase_AndNothingElse()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        var (trail, lastUsed) = (new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 0), new RoleLastUsedEmulation());
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail, lastUsed], port: 0);
        await PlantAsync(world, trail, lastUsed);
        var calls = new AwsCallCounter();
        using var aws = _moto.Connect(calls, endpoint: proxy.Endpoint);

        var result = await new IrsaAuditor(aws, world.Client).RunAsync(world.ClusterName, new AuditOptions { IncludeCloudTrail = true, ActivityDays = 30 });

        Assert.Equal(
            [
                "IRSA030 " + AuditWorld.RoleArn("stale") + " Low",
                "IRSA031 " + AuditWorld.RoleArn("stale") + " Info", // moto dates every role now: created inside the window
                "IRSA032 " + AuditWorld.RoleArn("probed") + " Medium",
                "IRSA033 " + AuditWorld.RoleArn("used") + " Medium",
            ],
            result.Findings.Where(f => f.CheckId is "IRSA030" or "IRSA031" or "IRSA032" or "IRSA033").Select(f => $"{f.CheckId} {f.Resource} {f.Severity}"));
        Assert.Equal("intruder", result.FindingsOf("IRSA032").Single().ServiceAccountName);
        Assert.Equal("old", result.FindingsOf("IRSA033").Single().ServiceAccountName);
        Assert.Equal("stale-sa", result.FindingsOf("IRSA031").Single().ServiceAccountName);
        Assert.Equal(1, calls.Calls("CloudTrail", "LookupEvents")); // 6 web-identity events in the window: ceil(6 / 50)
        Assert.Equal(1, calls.Calls("IAM", "GetAccountAuthorizationDetails"));
        Assert.Equal(0, calls.Calls("IAM", "GetRole"));
    }

    [Fact]
    public async Task WithoutCloudTrail_NothingIsLookedUp_AndRoleLastUsedStillFindsTheStaleRole()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        var (trail, lastUsed) = (new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 0), new RoleLastUsedEmulation());
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail, lastUsed], port: 0);
        await PlantAsync(world, trail, lastUsed);
        var calls = new AwsCallCounter();
        using var aws = _moto.Connect(calls, endpoint: proxy.Endpoint);

        var defaults = await new IrsaAuditor(aws, world.Client).RunAsync(world.ClusterName);
        var lastUsedOnly = await new IrsaAuditor(aws, world.Client).RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA030"] });

        Assert.Equal(0, calls.Calls("CloudTrail", "LookupEvents"));
        Assert.Equal(AuditWorld.RoleArn("stale"), Assert.Single(defaults.FindingsOf("IRSA030")).Resource);
        Assert.DoesNotContain(defaults.Findings, f => f.CheckId is "IRSA031" or "IRSA032" or "IRSA033");
        Assert.Equal(AuditWorld.RoleArn("stale"), Assert.Single(lastUsedOnly.Findings).Resource);
    }

    [Fact]
    public async Task WhenLookupEventsIsDenied_TheCloudTrailChecksSaySo_AndTheAuditGoesOn()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        var (trail, lastUsed) = (new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 0), new RoleLastUsedEmulation());
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail, lastUsed], port: 0);
        await PlantAsync(world, trail, lastUsed);
        proxy.AddRule(new FaultRule("LookupEvents", FaultKind.AccessDenied, FaultPhase.BeforeForward, Times: null));
        using var aws = _moto.Connect(endpoint: proxy.Endpoint);

        var result = await new IrsaAuditor(aws, world.Client).RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA030", "IRSA031", "IRSA032", "IRSA033"] });

        Assert.Equal(["IRSA030", "IRSA031", "IRSA032", "IRSA033"], result.Findings.Select(f => f.CheckId));
        Assert.All(result.Findings.Skip(1), f => Assert.Equal(IrsaSeverity.Info, f.Severity));
        Assert.All(result.Findings.Skip(1), f => Assert.Contains("AccessDenied", f.Message, StringComparison.Ordinal));
    }

    /// <summary>
    /// used: trusts web/app (exists, assumed) and web/old (deleted, assumed: IRSA033). probed: trusts web/api (assumed), refused
    /// to web/intruder (IRSA032), and an intruder of another cluster (ignored). stale: trusts web/stale-sa (never assumed: IRSA031),
    /// last used 200 days ago (IRSA030). recent: trusts web/recent, last used yesterday, assumed.
    /// </summary>
    private static async Task PlantAsync(AuditWorld world, CloudTrailEmulation trail, RoleLastUsedEmulation lastUsed)
    {
        await world.CreateRoleAsync("used", world.Trust("system:serviceaccount:web:app", "system:serviceaccount:web:old"));
        await world.CreateRoleAsync("probed", world.Trust("system:serviceaccount:web:api"));
        await world.CreateRoleAsync("stale", world.Trust("system:serviceaccount:web:stale-sa"));
        await world.CreateRoleAsync("recent", world.Trust("system:serviceaccount:web:recent"));
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("used"));
        world.ServiceAccount("web", "api", AuditWorld.RoleArn("probed"));
        world.ServiceAccount("web", "stale-sa", AuditWorld.RoleArn("stale"));
        world.ServiceAccount("web", "recent", AuditWorld.RoleArn("recent"));
        lastUsed.Seed("stale", DateTime.UtcNow.AddDays(-200), "us-east-1");
        lastUsed.Seed("recent", DateTime.UtcNow.AddDays(-1), "us-east-1");

        var now = DateTime.UtcNow.AddMinutes(-5);
        WebIdentityRecord Call(string role, string sa, int daysAgo, string? error = null, string? issuer = null) => new()
        {
            EventTime = new DateTime(now.AddDays(-daysAgo).Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc),
            Region = MotoFixture.Region,
            RoleArn = AuditWorld.RoleArn(role),
            RoleSessionName = "s",
            Issuer = issuer ?? world.Issuer.Url,
            Subject = "system:serviceaccount:web:" + sa,
            AccessKeyId = error is null ? "ASIAPLANTED0000000001" : null,
            ErrorCode = error,
            ErrorMessage = error is null ? null : "Not authorized to perform sts:AssumeRoleWithWebIdentity",
            SourceAddress = "10.2.3.4",
        };

        trail.Events.AddRange(new[]
        {
            Call("used", "app", 2),
            Call("used", "old", 9),
            Call("probed", "api", 1),
            Call("probed", "intruder", 3, "AccessDenied"),
            Call("probed", "intruder", 4, "AccessDenied", OtherIssuer),
            Call("recent", "recent", 1),
            Call("stale", "stale-sa", 45),
        }.Select(r => r.ToEvent()));
    }
}
