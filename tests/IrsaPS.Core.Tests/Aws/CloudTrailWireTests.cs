using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.CloudTrail.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.CloudTrail;
using IrsaPS.Emulators.Faults;
using IrsaPS.Emulators.Moto;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// The CloudTrail client (JSON 1.1 on AWSSDK.Core) against the emulator layer's LookupEvents: the wire shapes, paging,
/// errors, the documented rate with throttling and backoff, and the events recorded for AssumeRoleWithWebIdentity.
/// </summary>
public sealed class CloudTrailWireTests : IClassFixture<MotoFixture>
{
    private const string Issuer = "https://oidc.eks.us-east-1.amazonaws.com/id/CLOUDTRAILWIRE0000000000000000000";
    private readonly MotoFixture _moto;

    public CloudTrailWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task LookupEvents_PagesNewestFirst_FiftyAtATime_UntilNoNextToken()
    {
        var trail = new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 0);
        var (events, summary) = TrailEventGenerator.Generate(new TrailGenerationSpec { Events = 123, Roles = 7, RefusedFraction = 0, Issuer = Issuer });
        trail.Events.AddRange(events);
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail], port: 0);
        using var aws = Connect(proxy, rate: 0);

        var pages = new List<LookupEventsResponse>();
        string? token = null;
        do
        {
            var page = await aws.CloudTrail.LookupEventsAsync(new LookupEventsRequest
            {
                LookupAttributes = [new LookupAttribute(LookupAttributeKey.EventName, "AssumeRoleWithWebIdentity")],
                StartTime = summary.Start,
                EndTime = summary.End,
                NextToken = token,
            });
            pages.Add(page);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal([50, 50, 23], pages.Select(p => p.Events.Count));
        Assert.Equal(3, proxy.Received("LookupEvents"));
        var all = pages.SelectMany(p => p.Events).ToList();
        Assert.Equal(123, all.Select(e => e.EventId).Distinct().Count());
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.EventTime >= p.Second.EventTime), "events come newest first");
        var first = all[0];
        Assert.Equal("AssumeRoleWithWebIdentity", first.EventName);
        Assert.Equal("sts.amazonaws.com", first.EventSource);
        Assert.Equal("true", first.ReadOnly);
        Assert.StartsWith("system:serviceaccount:", first.Username, StringComparison.Ordinal);
        Assert.Contains(first.Resources, r => r.ResourceType == "AWS::IAM::Role" && r.ResourceName!.StartsWith("arn:aws:iam::123456789012:role/gen-", StringComparison.Ordinal));
        using var record = JsonDocument.Parse(first.CloudTrailEvent!);
        Assert.Equal("WebIdentityUser", record.RootElement.GetProperty("userIdentity").GetProperty("type").GetString());
        Assert.Equal(first.EventId, record.RootElement.GetProperty("eventID").GetString());
    }

    [Fact]
    public async Task LookupEvents_ByResourceName_FindsOneRolesEvents_OfEveryKind_InsideTheTimeRange()
    {
        var trail = new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 0);
        var spec = new TrailGenerationSpec { Events = 400, Roles = 4, OtherEventFraction = 0.25, Issuer = Issuer };
        var (events, summary) = TrailEventGenerator.Generate(spec);
        trail.Events.AddRange(events);
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail], port: 0);
        using var aws = Connect(proxy, rate: 0);
        var middle = summary.Start + ((summary.End - summary.Start) / 2);
        var expected = events.Where(e => e.Resources.Any(r => r.Name == spec.RoleArn(2)) && e.Time >= middle && e.Time <= summary.End).ToList();

        var found = await ReadAllAsync(aws, new LookupAttribute(LookupAttributeKey.ResourceName, spec.RoleArn(2)), middle, summary.End);

        Assert.Equal(expected.Select(e => e.EventId).OrderBy(i => i), found.Select(e => e.EventId!).OrderBy(i => i));
        Assert.Contains(found, e => e.EventName == "AssumeRole");
        Assert.Contains(found, e => e.EventName == "AssumeRoleWithWebIdentity");
    }

    [Fact]
    public async Task LookupEvents_ErrorsAreCloudTrails_AndBadInputIsRefusedBeforeSending()
    {
        var trail = new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 0);
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail], port: 0);
        using var aws = Connect(proxy, rate: 0);

        var badToken = await Assert.ThrowsAsync<AwsServiceException>(() => aws.CloudTrail.LookupEventsAsync(new LookupEventsRequest { NextToken = "bm90LWEtdG9rZW4=" }));
        Assert.Equal("InvalidNextTokenException", badToken.AwsErrorCode);
        Assert.Equal(400, badToken.HttpStatusCode);

        await Assert.ThrowsAsync<IrsaValidationException>(() => aws.CloudTrail.LookupEventsAsync(new LookupEventsRequest
        {
            LookupAttributes = [new LookupAttribute(LookupAttributeKey.EventName, "a"), new LookupAttribute(LookupAttributeKey.Username, "b")],
        }));
        await Assert.ThrowsAsync<IrsaValidationException>(() => aws.CloudTrail.LookupEventsAsync(new LookupEventsRequest { MaxResults = 51 }));
        await Assert.ThrowsAsync<IrsaValidationException>(() => aws.CloudTrail.LookupEventsAsync(new LookupEventsRequest { StartTime = DateTime.UtcNow, EndTime = DateTime.UtcNow.AddDays(-1) }));
        await Assert.ThrowsAsync<IrsaValidationException>(() => aws.CloudTrail.LookupEventsAsync(new LookupEventsRequest { LookupAttributes = [new LookupAttribute("RoleArn", "x")] }));
        Assert.Equal(1, proxy.Received("LookupEvents"));
    }

    [Fact]
    public async Task LookupEvents_AtTheDocumentedRate_IsNeverThrottled_AndNoSecondHoldsThreeRequests()
    {
        var trail = new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 2);
        trail.Events.AddRange(TrailEventGenerator.Generate(new TrailGenerationSpec { Events = 6 * 50, Roles = 3, Issuer = Issuer }).Events);
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail], port: 0);
        using var aws = Connect(proxy, rate: null);

        var clock = Stopwatch.StartNew();
        var found = await ReadAllAsync(aws, new LookupAttribute(LookupAttributeKey.EventName, "AssumeRoleWithWebIdentity"), null, null);
        var elapsed = clock.Elapsed;

        Assert.Equal(300, found.Count);
        Assert.Equal(0, trail.ThrottledRequests);
        Assert.Equal(0, aws.CloudTrail.ThrottledAnswers);
        // Six full pages; the sixth has no NextToken. CloudTrail's rule is 2 requests per second: no second holds three
        // arrivals. The client releases its requests 500 ms apart (RequestRateLimiterTests prove the spacing exactly, on a
        // virtual clock); between a release and its arrival a loaded machine adds jitter, so one gap alone may be shorter,
        // but any three arrivals span a second (less a little loopback jitter).
        var arrivals = trail.Arrivals.Select(a => a.At).ToList();
        Assert.Equal(6, arrivals.Count);
        var spans = arrivals.Zip(arrivals.Skip(2), (a, c) => c - a).ToList();
        Assert.All(spans, span => Assert.True(span >= TimeSpan.FromMilliseconds(950), $"three LookupEvents within {span.TotalMilliseconds:0} ms"));
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(2500), $"6 pages took {elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task LookupEvents_WhenCloudTrailThrottles_BacksOffAndStillReadsEverything()
    {
        // The emulator admits one request a second; the client sends ten a second until it is throttled.
        var trail = new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 1);
        trail.Events.AddRange(TrailEventGenerator.Generate(new TrailGenerationSpec { Events = 5 * 50, Roles = 5, Issuer = Issuer }).Events);
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail], port: 0);
        var counter = new AwsCallCounter();
        using var aws = AwsConnection.Create(new AwsConnectionSettings
        {
            Region = MotoFixture.Region,
            AccessKey = MotoServer.AccessKey,
            SecretKey = MotoServer.SecretKey,
            EndpointUrl = proxy.Endpoint.AbsoluteUri,
            CloudTrailRequestsPerSecond = 10,
            Observer = counter,
        });
        aws.CloudTrail.BaseBackoff = TimeSpan.FromMilliseconds(600);

        var found = await ReadAllAsync(aws, new LookupAttribute(LookupAttributeKey.EventName, "AssumeRoleWithWebIdentity"), null, null);

        Assert.Equal(250, found.Select(e => e.EventId).Distinct().Count());
        Assert.True(trail.ThrottledRequests > 0, "the emulator throttled some requests");
        Assert.Equal(trail.ThrottledRequests, aws.CloudTrail.ThrottledAnswers);
        Assert.Equal(5, counter.Calls("CloudTrail", "LookupEvents"));
        Assert.Equal(5 + trail.ThrottledRequests, counter.Attempts("CloudTrail", "LookupEvents"));
    }

    [Fact]
    public async Task LookupEvents_WhenThrottlingOutlastsTheRetries_FailsWithAwsThrottled()
    {
        var trail = new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 0.01);
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail], port: 0);
        using var aws = AwsConnection.Create(new AwsConnectionSettings
        {
            Region = MotoFixture.Region,
            AccessKey = MotoServer.AccessKey,
            SecretKey = MotoServer.SecretKey,
            EndpointUrl = proxy.Endpoint.AbsoluteUri,
            CloudTrailRequestsPerSecond = 0,
            MaxErrorRetry = 2,
        });
        aws.CloudTrail.BaseBackoff = TimeSpan.FromMilliseconds(50);

        await aws.CloudTrail.LookupEventsAsync(new LookupEventsRequest()); // takes the bucket's one token
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.CloudTrail.LookupEventsAsync(new LookupEventsRequest()));

        Assert.Equal(ErrorIds.AwsThrottled, error.ErrorId);
        Assert.Equal("ThrottlingException", error.AwsErrorCode);
        Assert.Equal(1 + 3, proxy.Received("LookupEvents"));
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_ThroughTheEmulator_IsRecordedAsACloudTrailEventOfTheRealShape()
    {
        var trail = new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 0);
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail], port: 0);
        using var aws = Connect(proxy, rate: 0);
        var role = "arn:aws:iam::123456789012:role/" + Names.Unique("recorded");
        var before = DateTime.UtcNow.AddSeconds(-1);

        var credentials = await aws.Sts.AssumeRoleWithWebIdentityAsync(role, WebIdentityTokens.For(Issuer, "web", "app"), "irsaps-test-web-app");
        var found = await ReadAllAsync(aws, new LookupAttribute(LookupAttributeKey.ResourceName, role), null, null);

        var e = Assert.Single(found);
        Assert.Equal("AssumeRoleWithWebIdentity", e.EventName);
        Assert.Equal("system:serviceaccount:web:app", e.Username);
        Assert.InRange(e.EventTime!.Value, before, DateTime.UtcNow.AddSeconds(1));
        Assert.Contains(e.Resources, r => r.ResourceType == "AWS::IAM::AccessKey" && r.ResourceName == credentials.AccessKeyId);
        using var record = JsonDocument.Parse(e.CloudTrailEvent!);
        var root = record.RootElement;
        var identity = root.GetProperty("userIdentity");
        Assert.Equal("WebIdentityUser", identity.GetProperty("type").GetString());
        Assert.Equal("system:serviceaccount:web:app", identity.GetProperty("userName").GetString());
        Assert.Equal("arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/CLOUDTRAILWIRE0000000000000000000", identity.GetProperty("identityProvider").GetString());
        Assert.Equal(role, root.GetProperty("requestParameters").GetProperty("roleArn").GetString());
        Assert.Equal("irsaps-test-web-app", root.GetProperty("requestParameters").GetProperty("roleSessionName").GetString());
        Assert.Equal(credentials.AccessKeyId, root.GetProperty("responseElements").GetProperty("credentials").GetProperty("accessKeyId").GetString());
        Assert.Equal("sts.amazonaws.com", root.GetProperty("eventSource").GetString());
        Assert.Equal(MotoFixture.Region, root.GetProperty("awsRegion").GetString());
        Assert.Equal("127.0.0.1", root.GetProperty("sourceIPAddress").GetString());
        Assert.Contains("aws-sdk-dotnet", root.GetProperty("userAgent").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(root.TryGetProperty("errorCode", out _));
        Assert.DoesNotContain(credentials.SessionToken, e.CloudTrailEvent, StringComparison.Ordinal);
    }

    private static async Task<List<Event>> ReadAllAsync(AwsConnection aws, LookupAttribute attribute, DateTime? start, DateTime? end)
    {
        var all = new List<Event>();
        string? token = null;
        do
        {
            var page = await aws.CloudTrail.LookupEventsAsync(new LookupEventsRequest { LookupAttributes = [attribute], StartTime = start, EndTime = end, NextToken = token });
            all.AddRange(page.Events);
            token = page.NextToken;
        }
        while (token is not null);

        return all;
    }

    private static AwsConnection Connect(FaultProxy proxy, double? rate) => AwsConnection.Create(new AwsConnectionSettings
    {
        Region = MotoFixture.Region,
        AccessKey = MotoServer.AccessKey,
        SecretKey = MotoServer.SecretKey,
        EndpointUrl = proxy.Endpoint.AbsoluteUri,
        CloudTrailRequestsPerSecond = rate,
    });
}
