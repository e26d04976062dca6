using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IrsaPS.Emulators.CloudTrail;

/// <summary>One resource LookupEvents lists for an event (<c>Resources[]</c>: ResourceType and ResourceName).</summary>
public sealed record TrailResource(string Type, string Name);

/// <summary>
/// One CloudTrail record as the emulator keeps it: the record itself (UTF-8 JSON, exactly what a trail file holds and
/// what LookupEvents returns as <c>CloudTrailEvent</c>) and the fields LookupEvents shows and filters on, derived once
/// from the record (<see cref="FromRecord"/>).
/// </summary>
public sealed class TrailEvent
{
    private TrailEvent(byte[] record, string eventId, DateTime time, string region, string? name, string? source, bool readOnly, string? accessKeyId, string? username, IReadOnlyList<TrailResource> resources)
    {
        Record = record;
        EventId = eventId;
        Time = time;
        Region = region;
        EventName = name;
        EventSource = source;
        ReadOnly = readOnly;
        AccessKeyId = accessKeyId;
        Username = username;
        Resources = resources;
    }

    /// <summary>The record, compact UTF-8 JSON.</summary>
    public byte[] Record { get; }

    public string EventId { get; }

    /// <summary>eventTime (UTC, whole seconds as CloudTrail records it).</summary>
    public DateTime Time { get; }

    /// <summary>awsRegion: where the event was recorded (the region of the endpoint called).</summary>
    public string Region { get; }

    public string? EventName { get; }

    public string? EventSource { get; }

    public bool ReadOnly { get; }

    public string? AccessKeyId { get; }

    public string? Username { get; }

    public IReadOnlyList<TrailResource> Resources { get; }

    public string RecordText => Encoding.UTF8.GetString(Record);

    /// <summary>
    /// Reads a record and derives LookupEvents' fields from it: EventId = eventID, Username = userIdentity.userName (or
    /// the session issuer's userName for assumed roles), AccessKeyId = userIdentity.accessKeyId, and Resources = the
    /// record's <c>resources</c> (type and ARN) plus, for a successful AssumeRole*, the new access key and the assumed
    /// role's session name, role id and ARN, as CloudTrail lists them. <paramref name="defaultRegion"/> applies when the
    /// record has no awsRegion.
    /// </summary>
    public static TrailEvent FromRecord(JsonElement record, string defaultRegion)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A CloudTrail record must be a JSON object.");
        }

        var id = String(record, "eventID") ?? throw new FormatException("A CloudTrail record needs an eventID.");
        var timeText = String(record, "eventTime") ?? throw new FormatException($"Record {id} has no eventTime.");
        var time = DateTime.Parse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var identity = Object(record, "userIdentity");
        var username = String(identity, "userName")
            ?? String(Object(Object(identity, "sessionContext"), "sessionIssuer"), "userName");
        var resources = new List<TrailResource>();
        var response = Object(record, "responseElements");
        if (String(record, "errorCode") is null && String(Object(response, "credentials"), "accessKeyId") is { } newKey)
        {
            resources.Add(new TrailResource("AWS::IAM::AccessKey", newKey));
            var assumed = Object(response, "assumedRoleUser");
            if (String(assumed, "arn") is { } assumedArn)
            {
                resources.Add(new TrailResource("AWS::STS::AssumedRole", assumedArn));
                var slash = assumedArn.LastIndexOf('/');
                if (slash >= 0)
                {
                    resources.Add(new TrailResource("AWS::STS::AssumedRole", assumedArn.Substring(slash + 1)));
                }
            }

            if (String(assumed, "assumedRoleId") is { } roleId)
            {
                resources.Add(new TrailResource("AWS::STS::AssumedRole", roleId));
            }
        }

        if (record.TryGetProperty("resources", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var resource in list.EnumerateArray())
            {
                if (String(resource, "type") is { } type && String(resource, "ARN") is { } arn)
                {
                    resources.Add(new TrailResource(type, arn));
                }
            }
        }

        var readOnly = record.TryGetProperty("readOnly", out var ro) && ro.ValueKind == JsonValueKind.True;
        var compact = JsonSerializer.SerializeToUtf8Bytes(record);
        return new TrailEvent(
            compact,
            id,
            DateTime.SpecifyKind(time, DateTimeKind.Utc),
            String(record, "awsRegion") ?? defaultRegion,
            String(record, "eventName"),
            String(record, "eventSource"),
            readOnly,
            String(identity, "accessKeyId") is { Length: > 0 } key ? key : null,
            username,
            resources);
    }

    /// <summary>The records of a trail file's body (<c>{"Records": [...]}</c>).</summary>
    public static List<TrailEvent> FromRecordsBody(byte[] body, string defaultRegion)
    {
        using var document = JsonDocument.Parse(body);
        var events = new List<TrailEvent>();
        foreach (var record in document.RootElement.GetProperty("Records").EnumerateArray())
        {
            events.Add(FromRecord(record, defaultRegion));
        }

        return events;
    }

    /// <summary>Reads one record from its JSON text.</summary>
    public static TrailEvent Parse(string recordJson, string defaultRegion)
    {
        using var document = JsonDocument.Parse(recordJson);
        return FromRecord(document.RootElement, defaultRegion);
    }

    /// <summary>True when the event matches LookupEvents' attribute <paramref name="key"/> = <paramref name="value"/>.</summary>
    public bool Matches(string key, string value) => key switch
    {
        "EventId" => EventId == value,
        "EventName" => EventName == value,
        "EventSource" => EventSource == value,
        "ReadOnly" => string.Equals(value, ReadOnly ? "true" : "false", StringComparison.OrdinalIgnoreCase),
        "Username" => Username == value,
        "AccessKeyId" => AccessKeyId == value,
        "ResourceName" => HasResource(r => r.Name == value),
        "ResourceType" => HasResource(r => r.Type == value),
        _ => false,
    };

    /// <summary>The values this event has for a lookup attribute key (several for resources).</summary>
    public IEnumerable<string> ValuesOf(string key)
    {
        switch (key)
        {
            case "EventId":
                yield return EventId;
                break;
            case "EventName" when EventName is not null:
                yield return EventName;
                break;
            case "EventSource" when EventSource is not null:
                yield return EventSource;
                break;
            case "ReadOnly":
                yield return ReadOnly ? "true" : "false";
                break;
            case "Username" when Username is not null:
                yield return Username;
                break;
            case "AccessKeyId" when AccessKeyId is not null:
                yield return AccessKeyId;
                break;
            case "ResourceName":
                foreach (var resource in Resources)
                {
                    yield return resource.Name;
                }

                break;
            case "ResourceType":
                foreach (var resource in Resources)
                {
                    yield return resource.Type;
                }

                break;
        }
    }

    private bool HasResource(Func<TrailResource, bool> match)
    {
        foreach (var resource in Resources)
        {
            if (match(resource))
            {
                return true;
            }
        }

        return false;
    }

    private static JsonElement? Object(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
