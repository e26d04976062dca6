using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IrsaPS.Emulators.Aws;

namespace IrsaPS.Emulators.CloudTrail;

/// <summary>LookupEvents: the request read and checked as CloudTrail does, a page of the store, the answer written.</summary>
public sealed partial class CloudTrailEmulation
{
    public const string TargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
    public const string LookupEventsTarget = TargetPrefix + ".LookupEvents";
    private const int MaxPage = 50;
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] AttributeKeys = ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"];

    private AwsEmulatedResponse LookupEvents(AwsEmulatedRequest request)
    {
        var region = request.Region ?? DefaultRegion;
        if (!Admit(region))
        {
            return AwsEmulatedResponse.Json11Error(400, "ThrottlingException", "Rate exceeded");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body.Length == 0 ? "{}"u8.ToArray() : request.Body);
        }
        catch (JsonException ex)
        {
            return AwsEmulatedResponse.Json11Error(400, "SerializationException", ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            string? key = null, value = null;
            if (root.TryGetProperty("LookupAttributes", out var attributes) && attributes.ValueKind == JsonValueKind.Array)
            {
                var list = attributes.EnumerateArray().ToList();
                if (list.Count > 1)
                {
                    return AwsEmulatedResponse.Json11Error(400, "InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.");
                }

                if (list.Count == 1)
                {
                    key = String(list[0], "AttributeKey");
                    value = String(list[0], "AttributeValue");
                    if (key is null || !AttributeKeys.Contains(key, StringComparer.Ordinal) || string.IsNullOrEmpty(value) || value!.Length > 2000)
                    {
                        return AwsEmulatedResponse.Json11Error(400, "InvalidLookupAttributesException", $"The lookup attribute '{key}' is not valid.");
                    }
                }
            }

            DateTime? start, end;
            int max;
            try
            {
                start = Time(root, "StartTime");
                end = Time(root, "EndTime");
                max = root.TryGetProperty("MaxResults", out var m) ? m.GetInt32() : MaxPage;
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException)
            {
                return AwsEmulatedResponse.Json11Error(400, "SerializationException", ex.Message);
            }

            if (max is < 1 or > MaxPage)
            {
                return AwsEmulatedResponse.Json11Error(400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
            }

            if (start is not null && end is not null && start > end)
            {
                return AwsEmulatedResponse.Json11Error(400, "InvalidTimeRangeException", "Start time must be before end time.");
            }

            var category = String(root, "EventCategory");
            if (category is not null && category != "insight")
            {
                return AwsEmulatedResponse.Json11Error(400, "InvalidEventCategoryException", $"'{category}' is not a valid event category.");
            }

            var fingerprint = Fingerprint(key, value, start, end, category);
            TrailCursor? after = null;
            if (String(root, "NextToken") is { } token && !TryReadToken(token, fingerprint, out after))
            {
                return AwsEmulatedResponse.Json11Error(400, "InvalidNextTokenException", "Invalid NextToken.");
            }

            // Insights events are never recorded here; management events go back 90 days.
            var oldest = DateTime.UtcNow - History;
            var page = category == "insight"
                ? new TrailPage([], null)
                : Events.Lookup(region, key, value, start is null || start < oldest ? oldest : start, end, max, after);
            return AwsEmulatedResponse.Json(200, Answer(page, fingerprint), "application/x-amz-json-1.1");
        }
    }

    private static string Answer(TrailPage page, string fingerprint)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray(nameof(Events));
            foreach (var e in page.Events)
            {
                json.WriteStartObject();
                json.WriteString("EventId", e.EventId);
                if (e.EventName is not null)
                {
                    json.WriteString("EventName", e.EventName);
                }

                json.WriteString("ReadOnly", e.ReadOnly ? "true" : "false");
                if (e.AccessKeyId is not null)
                {
                    json.WriteString("AccessKeyId", e.AccessKeyId);
                }

                json.WriteNumber("EventTime", (long)(e.Time - Epoch).TotalSeconds);
                if (e.EventSource is not null)
                {
                    json.WriteString("EventSource", e.EventSource);
                }

                if (e.Username is not null)
                {
                    json.WriteString("Username", e.Username);
                }

                json.WriteStartArray("Resources");
                foreach (var resource in e.Resources)
                {
                    json.WriteStartObject();
                    json.WriteString("ResourceType", resource.Type);
                    json.WriteString("ResourceName", resource.Name);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteString("CloudTrailEvent", e.RecordText);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (page.Next is { } next)
            {
                json.WriteString("NextToken", WriteToken(next, fingerprint));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The parameters a NextToken is bound to ("must be passed in with the same parameters as the previous call").</summary>
    private static string Fingerprint(string? key, string? value, DateTime? start, DateTime? end, string? category)
    {
        var text = string.Join("\n", key, value, start?.Ticks.ToString(CultureInfo.InvariantCulture), end?.Ticks.ToString(CultureInfo.InvariantCulture), category);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }

    private static string WriteToken(TrailCursor cursor, string fingerprint) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join("|", fingerprint, cursor.Time.Ticks.ToString(CultureInfo.InvariantCulture), cursor.EventId)));

    private static bool TryReadToken(string token, string fingerprint, out TrailCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            if (parts.Length != 3 || parts[0] != fingerprint || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
            {
                return false;
            }

            cursor = new TrailCursor(new DateTime(ticks, DateTimeKind.Utc), parts[2]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A timestamp as the JSON protocol sends it: epoch seconds (with a fraction or not), or an ISO 8601 string.</summary>
    private static DateTime? Time(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return Epoch.AddTicks((long)(value.GetDecimal() * TimeSpan.TicksPerSecond));
        }

        var text = value.GetString() ?? throw new FormatException($"{name} is not a timestamp.");
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? Epoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
