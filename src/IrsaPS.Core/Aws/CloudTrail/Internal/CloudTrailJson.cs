using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using IrsaPS.Core.Aws.CloudTrail.Model;

namespace IrsaPS.Core.Aws.CloudTrail.Internal;

/// <summary>
/// LookupEvents on the wire (JSON 1.1): the request body, and the answer read into the model. Timestamps are epoch
/// seconds, as the JSON protocol sends them (botocore's <c>timestamp</c> shapes without a format: unix time, possibly
/// with a fraction); an ISO 8601 string is accepted too.
/// </summary>
internal static class CloudTrailJson
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static byte[] LookupEventsBody(LookupEventsRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (request.LookupAttributes.Count > 0)
            {
                json.WriteStartArray("LookupAttributes");
                foreach (var attribute in request.LookupAttributes)
                {
                    json.WriteStartObject();
                    json.WriteString("AttributeKey", attribute.AttributeKey);
                    json.WriteString("AttributeValue", attribute.AttributeValue);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (request.StartTime is { } start)
            {
                json.WriteNumber("StartTime", EpochSeconds(start));
            }

            if (request.EndTime is { } end)
            {
                json.WriteNumber("EndTime", EpochSeconds(end));
            }

            if (request.EventCategory is not null)
            {
                json.WriteString("EventCategory", request.EventCategory);
            }

            if (request.MaxResults is { } max)
            {
                json.WriteNumber("MaxResults", max);
            }

            if (!string.IsNullOrEmpty(request.NextToken))
            {
                json.WriteString("NextToken", request.NextToken);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static LookupEventsResponse LookupEvents(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The LookupEvents answer is not a JSON object.");
        }

        var response = new LookupEventsResponse { NextToken = String(root, "NextToken") };
        if (root.TryGetProperty("Events", out var events) && events.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in events.EnumerateArray())
            {
                response.Events.Add(new Event
                {
                    EventId = String(e, "EventId"),
                    EventName = String(e, "EventName"),
                    ReadOnly = String(e, "ReadOnly"),
                    AccessKeyId = String(e, "AccessKeyId"),
                    EventTime = e.TryGetProperty("EventTime", out var time) ? Timestamp(time) : null,
                    EventSource = String(e, "EventSource"),
                    Username = String(e, "Username"),
                    Resources = Resources(e),
                    CloudTrailEvent = String(e, "CloudTrailEvent"),
                });
            }
        }

        return response;
    }

    /// <summary>Epoch seconds with millisecond precision, exactly (decimal, not a binary fraction).</summary>
    public static decimal EpochSeconds(DateTime time) =>
        Math.Round((decimal)(time.ToUniversalTime() - Epoch).Ticks / TimeSpan.TicksPerSecond, 3);

    public static DateTime? Timestamp(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return Epoch.AddTicks((long)(value.GetDecimal() * TimeSpan.TicksPerSecond));
            case JsonValueKind.String:
                var text = value.GetString();
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return Epoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
                }

                return DateTime.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            default:
                return null;
        }
    }

    private static List<Resource> Resources(JsonElement e)
    {
        var list = new List<Resource>();
        if (e.TryGetProperty("Resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in resources.EnumerateArray())
            {
                list.Add(new Resource { ResourceType = String(r, "ResourceType"), ResourceName = String(r, "ResourceName") });
            }
        }

        return list;
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
