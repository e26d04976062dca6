using System;
using System.Text;
using System.Text.Json;

namespace IrsaPS.Core.Activity;

/// <summary>
/// Reads one CloudTrail record (UTF-8 JSON) with a forward-only <see cref="Utf8JsonReader"/>: only the fields an
/// <see cref="AssumeRoleEvent"/> needs are materialised, everything else is skipped, and records that are not
/// <c>sts.amazonaws.com</c> <c>AssumeRoleWithWebIdentity</c> with a <c>requestParameters.roleArn</c> give null. The same
/// code reads LookupEvents' <c>CloudTrailEvent</c> strings and trail files' records, so both sources agree.
/// </summary>
internal static class CloudTrailRecordParser
{
    public const string EventName = "AssumeRoleWithWebIdentity";
    public const string EventSource = "sts.amazonaws.com";

    /// <summary>The event, or null when the record is another kind of event.</summary>
    /// <exception cref="JsonException">The record is not valid JSON.</exception>
    public static AssumeRoleEvent? Parse(ReadOnlySpan<byte> record, string? defaultRegion = null)
    {
        var reader = new Utf8JsonReader(record, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? eventName = null, eventSource = null, eventId = null, region = null, address = null, agent = null, error = null;
        string? userName = null, provider = null, principal = null, roleArn = null, session = null, accessKey = null, audience = null;
        DateTime? time = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("eventName"))
            {
                eventName = String(ref reader);
                if (eventName is not null && eventName != EventName)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("eventSource"))
            {
                eventSource = String(ref reader);
                if (eventSource is not null && eventSource != EventSource)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("eventTime"))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var parsed))
                {
                    time = parsed.UtcDateTime;
                }
            }
            else if (reader.ValueTextEquals("eventID"))
            {
                eventId = String(ref reader);
            }
            else if (reader.ValueTextEquals("awsRegion"))
            {
                region = String(ref reader);
            }
            else if (reader.ValueTextEquals("sourceIPAddress"))
            {
                address = String(ref reader);
            }
            else if (reader.ValueTextEquals("userAgent"))
            {
                agent = String(ref reader);
            }
            else if (reader.ValueTextEquals("errorCode"))
            {
                error = String(ref reader);
            }
            else if (reader.ValueTextEquals("userIdentity"))
            {
                ReadObject(ref reader, (ref Utf8JsonReader r) =>
                {
                    if (r.ValueTextEquals("userName"))
                    {
                        userName = String(ref r);
                        return true;
                    }

                    if (r.ValueTextEquals("identityProvider"))
                    {
                        provider = String(ref r);
                        return true;
                    }

                    if (r.ValueTextEquals("principalId"))
                    {
                        principal = String(ref r);
                        return true;
                    }

                    return false;
                });
            }
            else if (reader.ValueTextEquals("requestParameters"))
            {
                ReadObject(ref reader, (ref Utf8JsonReader r) =>
                {
                    if (r.ValueTextEquals("roleArn"))
                    {
                        roleArn = String(ref r);
                        return true;
                    }

                    if (r.ValueTextEquals("roleSessionName"))
                    {
                        session = String(ref r);
                        return true;
                    }

                    return false;
                });
            }
            else if (reader.ValueTextEquals("responseElements"))
            {
                ReadObject(ref reader, (ref Utf8JsonReader r) =>
                {
                    if (r.ValueTextEquals("audience"))
                    {
                        audience = String(ref r);
                        return true;
                    }

                    if (!r.ValueTextEquals("credentials"))
                    {
                        return false;
                    }

                    ReadObject(ref r, (ref Utf8JsonReader c) =>
                    {
                        if (!c.ValueTextEquals("accessKeyId"))
                        {
                            return false;
                        }

                        accessKey = String(ref c);
                        return true;
                    });
                    return true;
                });
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (eventName != EventName || eventSource != EventSource || string.IsNullOrEmpty(roleArn) || time is null)
        {
            return null;
        }

        return new AssumeRoleEvent
        {
            EventId = eventId ?? string.Empty,
            EventTime = time.Value,
            Region = region ?? defaultRegion ?? string.Empty,
            RoleArn = roleArn!,
            RoleSessionName = session,
            Subject = userName ?? string.Empty,
            IdentityProvider = provider ?? string.Empty,
            SourceAddress = address,
            UserAgent = agent,
            Audience = audience ?? AudienceOf(principal, provider, userName),
            AccessKeyId = error is null ? accessKey : null,
            ErrorCode = string.IsNullOrEmpty(error) ? null : error,
        };
    }

    /// <summary>Parses a record held in a string (LookupEvents' CloudTrailEvent).</summary>
    public static AssumeRoleEvent? Parse(string record, string? defaultRegion = null) =>
        Parse(Encoding.UTF8.GetBytes(record ?? throw new ArgumentNullException(nameof(record))), defaultRegion);

    /// <summary>A WebIdentityUser's principalId is <c>&lt;provider&gt;:&lt;audience&gt;:&lt;subject&gt;</c>: the audience is what lies between.</summary>
    internal static string? AudienceOf(string? principalId, string? provider, string? subject)
    {
        if (principalId is null || provider is null || subject is null
            || principalId.Length <= provider.Length + subject.Length + 2
            || !principalId.StartsWith(provider + ":", StringComparison.Ordinal)
            || !principalId.EndsWith(":" + subject, StringComparison.Ordinal))
        {
            return null;
        }

        return principalId.Substring(provider.Length + 1, principalId.Length - provider.Length - subject.Length - 2);
    }

    private delegate bool PropertyReader(ref Utf8JsonReader reader);

    /// <summary>After a property name: reads its value; an object's properties go to <paramref name="property"/> (which returns false to skip one).</summary>
    private static void ReadObject(ref Utf8JsonReader reader, PropertyReader property)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!property(ref reader))
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>After a property name: its value as a string (null for null, numbers and structures, which are skipped).</summary>
    private static string? String(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }
}
