using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.CloudTrail;
using IrsaPS.Emulators.Faults;
using IrsaPS.Emulators.Moto;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>The real aws CLI (v1, botocore) against the emulator layer's LookupEvents: it signs, sends and pages as it would against AWS.</summary>
public sealed class CloudTrailCliTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public CloudTrailCliTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task AwsCloudTrailLookupEvents_FollowsEveryPage_AndFiltersByAttributeAndTime()
    {
        var trail = new CloudTrailEmulation(MotoFixture.Region, requestsPerSecond: 0);
        var spec = new TrailGenerationSpec { Events = 130, Roles = 5, OtherEventFraction = 0.2 };
        var (events, summary) = TrailEventGenerator.Generate(spec);
        trail.Events.AddRange(events);
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [trail], port: 0);
        using var home = new TempDirectory();

        var all = await AwsAsync(proxy, home.Path, "cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=AssumeRoleWithWebIdentity");
        var listed = all.RootElement.GetProperty("Events").EnumerateArray().ToList();
        Assert.Equal(summary.WebIdentity, listed.Count);
        Assert.Equal((int)Math.Ceiling(summary.WebIdentity / 50.0), proxy.Received("LookupEvents"));
        Assert.All(listed, e => Assert.Equal("AssumeRoleWithWebIdentity", e.GetProperty("EventName").GetString()));
        Assert.All(listed, e => Assert.Equal(JsonValueKind.String, e.GetProperty("CloudTrailEvent").ValueKind));

        var start = summary.End.AddDays(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var recent = await AwsAsync(proxy, home.Path, "cloudtrail", "lookup-events", "--start-time", start, "--lookup-attributes", $"AttributeKey=ResourceName,AttributeValue={spec.RoleArn(3)}");
        var expected = events.Count(e => e.Time >= summary.End.AddDays(-2) && e.Resources.Any(r => r.Name == spec.RoleArn(3)));
        Assert.Equal(expected, recent.RootElement.GetProperty("Events").GetArrayLength());
    }

    private static async Task<JsonDocument> AwsAsync(FaultProxy proxy, string home, params string[] args)
    {
        var info = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--endpoint-url");
        info.ArgumentList.Add(proxy.Endpoint.AbsoluteUri);
        info.ArgumentList.Add("--region");
        info.ArgumentList.Add(MotoFixture.Region);
        info.ArgumentList.Add("--output");
        info.ArgumentList.Add("json");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = home;
        info.Environment["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKey;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretKey;
        info.Environment["AWS_CONFIG_FILE"] = Path.Combine(home, "config");
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "credentials");
        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CLOUDTRAIL" })
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"aws {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return JsonDocument.Parse(output);
    }
}
