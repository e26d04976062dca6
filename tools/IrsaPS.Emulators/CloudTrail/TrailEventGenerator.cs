using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace IrsaPS.Emulators.CloudTrail;

/// <summary>
/// What to generate: <see cref="Events"/> events spread evenly over <see cref="Roles"/> roles (event i belongs to role
/// i mod Roles) and randomly over the window and the regions; each role is assumed by <see cref="ServiceAccountsPerRole"/>
/// service accounts of one cluster; a fraction of the calls are refused (AccessDenied from a service account the role
/// does not trust, or InvalidIdentityToken), and a fraction are not web-identity events at all (AssumeRole of the same
/// roles), so lookups by event name and by resource differ. Deterministic for a given <see cref="Seed"/>.
/// </summary>
public sealed record TrailGenerationSpec
{
    public int Events { get; init; } = 1000;

    public int Roles { get; init; } = 100;

    public string AccountId { get; init; } = "123456789012";

    public string Partition { get; init; } = "aws";

    /// <summary>Role names are this prefix and a four-digit index: <c>gen-0000</c>.</summary>
    public string RolePrefix { get; init; } = "gen-";

    /// <summary>The cluster's OIDC issuer URL every web-identity event names.</summary>
    public string Issuer { get; init; } = "https://oidc.eks.us-east-1.amazonaws.com/id/GENERATED0000000000000000000000";

    public IReadOnlyList<string> Regions { get; init; } = ["us-east-1"];

    /// <summary>The window's start; default: <see cref="End"/> minus 7 days.</summary>
    public DateTime? Start { get; init; }

    /// <summary>The window's end; default: now.</summary>
    public DateTime? End { get; init; }

    public int ServiceAccountsPerRole { get; init; } = 1;

    /// <summary>Namespaces the roles' service accounts live in (role i uses namespace i mod Namespaces).</summary>
    public int Namespaces { get; init; } = 20;

    public double RefusedFraction { get; init; } = 0.02;

    /// <summary>Events that are AssumeRole (not AssumeRoleWithWebIdentity) of the same roles.</summary>
    public double OtherEventFraction { get; init; }

    public int Seed { get; init; } = 42;

    public string RoleName(int index) => RolePrefix + index.ToString("D4", CultureInfo.InvariantCulture);

    public string RoleArn(int index) => $"arn:{Partition}:iam::{AccountId}:role/{RoleName(index)}";

    public string NamespaceOf(int role) => "ns-" + (role % Math.Max(1, Namespaces)).ToString(CultureInfo.InvariantCulture);

    public string ServiceAccountOf(int role, int k) => $"sa-{role.ToString(CultureInfo.InvariantCulture)}-{k.ToString(CultureInfo.InvariantCulture)}";

    public string SubjectOf(int role, int k) => $"system:serviceaccount:{NamespaceOf(role)}:{ServiceAccountOf(role, k)}";
}

/// <summary>How many events of each kind were generated, per region.</summary>
public sealed record TrailGenerationSummary(
    int Total,
    int WebIdentity,
    int Refused,
    int Other,
    IReadOnlyDictionary<string, int> WebIdentityByRegion,
    DateTime Start,
    DateTime End);

/// <summary>Generates CloudTrail events of the real shape at scale (<see cref="TrailGenerationSpec"/>).</summary>
public static class TrailEventGenerator
{
    private static readonly string[] UserAgents =
    [
        "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/sts#1.30.3",
        "Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.12.4",
        "aws-sdk-java/2.26.20 Linux/5.10 OpenJDK_64-Bit_Server_VM/21.0.4+7-LTS Java/21.0.4",
    ];

    public static (IReadOnlyList<TrailEvent> Events, TrailGenerationSummary Summary) Generate(TrailGenerationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);

        if (spec.Events < 0 || spec.Roles < 1 || spec.ServiceAccountsPerRole < 1 || spec.Regions.Count == 0)
        {
            throw new ArgumentException("Generate needs Events >= 0, Roles >= 1, ServiceAccountsPerRole >= 1 and at least one region.", nameof(spec));
        }

        var end = Truncate(spec.End ?? DateTime.UtcNow);
        var start = Truncate(spec.Start ?? end.AddDays(-7));
        if (start > end)
        {
            throw new ArgumentException("The window's start is after its end.", nameof(spec));
        }

        var random = new Random(spec.Seed);
        var seconds = (long)(end - start).TotalSeconds;
        var events = new List<TrailEvent>(spec.Events);
        var byRegion = spec.Regions.ToDictionary(r => r, _ => 0, StringComparer.Ordinal);
        int webIdentity = 0, refused = 0, other = 0;
        for (var i = 0; i < spec.Events; i++)
        {
            var role = i % spec.Roles;
            var k = random.Next(spec.ServiceAccountsPerRole);
            var time = start.AddSeconds(seconds == 0 ? 0 : (long)(random.NextDouble() * (seconds + 1)));
            if (time > end)
            {
                time = end;
            }

            var region = spec.Regions[random.Next(spec.Regions.Count)];
            var address = string.Format(CultureInfo.InvariantCulture, "10.{0}.{1}.{2}", role % 250, random.Next(256), 1 + random.Next(254));
            var agent = UserAgents[random.Next(UserAgents.Length)];
            var id = Guid(random);
            var session = "botocore-session-" + (1_600_000_000 + random.Next(100_000_000)).ToString(CultureInfo.InvariantCulture);
            if (random.NextDouble() < spec.OtherEventFraction)
            {
                events.Add(AssumeRole(spec, role, time, region, address, agent, id, session, random));
                other++;
                continue;
            }

            string? error = null;
            var subject = spec.SubjectOf(role, k);
            if (random.NextDouble() < spec.RefusedFraction)
            {
                if (random.Next(2) == 0)
                {
                    error = "AccessDenied";
                    subject = $"system:serviceaccount:{spec.NamespaceOf(role)}:intruder";
                }
                else
                {
                    error = "InvalidIdentityToken";
                }

                refused++;
            }

            var record = new WebIdentityRecord
            {
                EventTime = time,
                Region = region,
                RoleArn = spec.RoleArn(role),
                RoleSessionName = session,
                Issuer = spec.Issuer,
                Subject = subject,
                SourceAddress = address,
                UserAgent = agent,
                AccessKeyId = error is null ? AccessKey(random) : null,
                AssumedRoleId = "AROA" + Upper(random, 17),
                ErrorCode = error,
                ErrorMessage = error switch
                {
                    "AccessDenied" => "Not authorized to perform sts:AssumeRoleWithWebIdentity",
                    "InvalidIdentityToken" => "Couldn't retrieve verification key from your identity provider",
                    _ => null,
                },
                EventId = id,
                RequestId = Guid(random),
            };
            events.Add(record.ToEvent());
            webIdentity++;
            byRegion[region]++;
        }

        return (events, new TrailGenerationSummary(events.Count, webIdentity, refused, other, byRegion, start, end));
    }

    private static TrailEvent AssumeRole(TrailGenerationSpec spec, int role, DateTime time, string region, string address, string agent, string id, string session, Random random)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventVersion", "1.08");
            json.WriteStartObject("userIdentity");
            json.WriteString("type", "AssumedRole");
            json.WriteString("principalId", "AROA" + Upper(random, 17) + ":ci");
            json.WriteString("arn", $"arn:{spec.Partition}:sts::{spec.AccountId}:assumed-role/ci/ci");
            json.WriteString("accountId", spec.AccountId);
            json.WriteString("accessKeyId", AccessKey(random));
            json.WriteEndObject();
            json.WriteString("eventTime", time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("eventSource", "sts.amazonaws.com");
            json.WriteString("eventName", "AssumeRole");
            json.WriteString("awsRegion", region);
            json.WriteString("sourceIPAddress", address);
            json.WriteString("userAgent", agent);
            json.WriteStartObject("requestParameters");
            json.WriteString("roleArn", spec.RoleArn(role));
            json.WriteString("roleSessionName", session);
            json.WriteEndObject();
            json.WriteStartObject("responseElements");
            json.WriteStartObject("credentials");
            json.WriteString("accessKeyId", AccessKey(random));
            json.WriteEndObject();
            json.WriteStartObject("assumedRoleUser");
            json.WriteString("assumedRoleId", "AROA" + Upper(random, 17) + ":" + session);
            json.WriteString("arn", $"arn:{spec.Partition}:sts::{spec.AccountId}:assumed-role/{spec.RoleName(role)}/{session}");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("requestID", Guid(random));
            json.WriteString("eventID", id);
            json.WriteBoolean("readOnly", true);
            json.WriteStartArray("resources");
            json.WriteStartObject();
            json.WriteString("accountId", spec.AccountId);
            json.WriteString("type", "AWS::IAM::Role");
            json.WriteString("ARN", spec.RoleArn(role));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("eventType", "AwsApiCall");
            json.WriteBoolean("managementEvent", true);
            json.WriteString("recipientAccountId", spec.AccountId);
            json.WriteString("eventCategory", "Management");
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return TrailEvent.FromRecord(document.RootElement, region);
    }

    private static DateTime Truncate(DateTime time)
    {
        var utc = time.ToUniversalTime();
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private static string Guid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new System.Guid(bytes).ToString();
    }

    private static string AccessKey(Random random) => "ASIA" + Upper(random, 16);

    private static string Upper(Random random, int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var chars = new char[length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }
}
