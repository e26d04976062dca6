using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Web;
using IrsaPS.Emulators.Aws;

namespace IrsaPS.Emulators.CloudTrail;

/// <summary>
/// The emulator's own endpoints (not AWS APIs; unsigned, loopback only), for tests, benchmarks and the sandbox:
/// <list type="bullet">
/// <item><c>POST /_irsaps/cloudtrail/records[?region=r]</c> with a trail file's body <c>{"Records": [...]}</c>: seeds those events (refused attempts, old events, other identities).</item>
/// <item><c>POST /_irsaps/cloudtrail/generate</c> with a <see cref="TrailGenerationSpec"/> (camelCase JSON): generates events at scale; answers the <see cref="TrailGenerationSummary"/>.</item>
/// <item><c>GET /_irsaps/cloudtrail/records[?region=r]</c>: every kept event as a trail file's body, oldest first.</item>
/// <item><c>DELETE /_irsaps/cloudtrail/records</c>: forgets every event.</item>
/// <item><c>GET|PUT /_irsaps/cloudtrail/settings</c>: <c>{"requestsPerSecond": 2, "resetCounters": true}</c>; GET also shows the counters.</item>
/// </list>
/// </summary>
public sealed partial class CloudTrailEmulation
{
    public const string AdminPath = "/_irsaps/cloudtrail/";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private AwsEmulatedResponse? Admin(AwsEmulatedRequest request)
    {
        var what = request.Path.Substring(AdminPath.Length).TrimEnd('/');
        var query = HttpUtility.ParseQueryString(request.Query?.TrimStart('?') ?? string.Empty);
        try
        {
            return (request.Method, what) switch
            {
                ("POST", "records") => Seed(request.Body, query["region"] ?? DefaultRegion),
                ("GET", "records") => Export(query["region"]),
                ("DELETE", "records") => Cleared(),
                ("POST", "generate") => Generate(request.Body),
                ("GET", "settings") => Settings(),
                ("PUT", "settings") => Configure(request.Body),
                _ => AwsEmulatedResponse.RestJsonError(404, "NotFound", $"No emulator endpoint {request.Method} {request.Path}."),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return AwsEmulatedResponse.RestJsonError(400, "InvalidRequest", ex.Message);
        }
    }

    /// <summary>Adds the records of a trail file's body.</summary>
    public int SeedRecords(byte[] trailFileBody, string defaultRegion)
    {
        using var document = JsonDocument.Parse(trailFileBody);
        if (!document.RootElement.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The body must be a trail file: {\"Records\": [...]}.");
        }

        return Events.AddRange(records.EnumerateArray().Select(r => TrailEvent.FromRecord(r, defaultRegion)).ToList());
    }

    /// <summary>The kept events as a trail file's body (oldest first, as trails deliver them).</summary>
    public byte[] ExportRecords(string? region)
    {
        using var buffer = new MemoryStream();
        buffer.Write("{\"Records\":["u8);
        var first = true;
        foreach (var name in region is null ? Events.Regions : [region])
        {
            var all = Events.All(name);
            for (var i = all.Count - 1; i >= 0; i--)
            {
                if (!first)
                {
                    buffer.WriteByte((byte)',');
                }

                buffer.Write(all[i].Record);
                first = false;
            }
        }

        buffer.Write("]}"u8);
        return buffer.ToArray();
    }

    private AwsEmulatedResponse Seed(byte[] body, string region) =>
        AwsEmulatedResponse.Json(200, JsonSerializer.Serialize(new { added = SeedRecords(body, region), events = Events.Count() }, Web));

    private AwsEmulatedResponse Export(string? region) => new(200, "application/json", ExportRecords(region));

    private AwsEmulatedResponse Cleared()
    {
        Events.Clear();
        return AwsEmulatedResponse.Json(200, "{\"events\":0}");
    }

    private AwsEmulatedResponse Generate(byte[] body)
    {
        var spec = body.Length == 0 ? new TrailGenerationSpec() : JsonSerializer.Deserialize<TrailGenerationSpec>(body, Web) ?? new TrailGenerationSpec();
        var (events, summary) = TrailEventGenerator.Generate(spec);
        Events.AddRange(events);
        return AwsEmulatedResponse.Json(200, JsonSerializer.Serialize(summary, Web));
    }

    private AwsEmulatedResponse Settings() => AwsEmulatedResponse.Json(
        200,
        JsonSerializer.Serialize(
            new
            {
                requestsPerSecond = RequestsPerSecond,
                lookupRequests = LookupRequests,
                throttledRequests = ThrottledRequests,
                events = Events.Count(),
                regions = Events.Regions,
                defaultRegion = DefaultRegion,
            },
            Web));

    private AwsEmulatedResponse Configure(byte[] body)
    {
        using var document = JsonDocument.Parse(body.Length == 0 ? Encoding.UTF8.GetBytes("{}") : body);
        var root = document.RootElement;
        if (root.TryGetProperty("requestsPerSecond", out var rate))
        {
            RequestsPerSecond = rate.GetDouble();
        }

        if (root.TryGetProperty("resetCounters", out var reset) && reset.ValueKind == JsonValueKind.True)
        {
            ResetCounters();
        }

        return Settings();
    }
}
