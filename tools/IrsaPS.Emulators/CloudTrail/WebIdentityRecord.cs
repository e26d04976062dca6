using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace IrsaPS.Emulators.CloudTrail;

/// <summary>
/// What CloudTrail records for one <c>sts:AssumeRoleWithWebIdentity</c> call, in the shape of the IAM User Guide's example
/// ("Logging IAM and AWS STS API calls with AWS CloudTrail"): <c>userIdentity</c> of type <c>WebIdentityUser</c> with
/// <c>userName</c> = the token's <c>sub</c>, <c>identityProvider</c> = the OIDC provider's ARN and <c>principalId</c> =
/// provider ARN, audience and subject; <c>requestParameters.roleArn</c> / <c>roleSessionName</c>; on success
/// <c>responseElements</c> with the new access key id, the assumed role, provider and audience; on a refusal
/// <c>errorCode</c> / <c>errorMessage</c> and no response elements; <c>eventSource</c> <c>sts.amazonaws.com</c>, the region
/// of the endpoint called, the caller's address and user agent, and the role as the event's resource. The session token is
/// left out (real records carry it encoded; the emulator has no reason to keep a credential).
/// </summary>
public sealed record WebIdentityRecord
{
    public required DateTime EventTime { get; init; }

    public required string Region { get; init; }

    public required string RoleArn { get; init; }

    public required string RoleSessionName { get; init; }

    /// <summary>The token's <c>iss</c> (https URL, or host/path).</summary>
    public required string Issuer { get; init; }

    /// <summary>The token's <c>sub</c>, e.g. <c>system:serviceaccount:web:app</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>The token's <c>aud</c> (the first, when it has several).</summary>
    public string Audience { get; init; } = "sts.amazonaws.com";

    public string SourceAddress { get; init; } = "127.0.0.1";

    public string UserAgent { get; init; } = "aws-sdk";

    /// <summary>The new credentials' access key id (success only).</summary>
    public string? AccessKeyId { get; init; }

    public string? AssumedRoleId { get; init; }

    public int? DurationSeconds { get; init; }

    /// <summary><c>AccessDenied</c>, <c>InvalidIdentityToken</c>... for a refused call; null when it succeeded.</summary>
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public string EventId { get; init; } = Guid.NewGuid().ToString();

    public string RequestId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The role's account (from its ARN).</summary>
    public string AccountId => Part(RoleArn, 4);

    public string Partition => Part(RoleArn, 1);

    /// <summary><c>arn:aws:iam::&lt;account&gt;:oidc-provider/&lt;issuer host/path&gt;</c>.</summary>
    public string ProviderArn => $"arn:{Partition}:iam::{AccountId}:oidc-provider/{HostPath(Issuer)}";

    /// <summary>The record, compact UTF-8 JSON, fields in CloudTrail's order.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventVersion", "1.08");
            json.WriteStartObject("userIdentity");
            json.WriteString("type", "WebIdentityUser");
            json.WriteString("principalId", $"{ProviderArn}:{Audience}:{Subject}");
            json.WriteString("userName", Subject);
            json.WriteString("identityProvider", ProviderArn);
            json.WriteEndObject();
            json.WriteString("eventTime", EventTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("eventSource", "sts.amazonaws.com");
            json.WriteString("eventName", "AssumeRoleWithWebIdentity");
            json.WriteString("awsRegion", Region);
            json.WriteString("sourceIPAddress", SourceAddress);
            json.WriteString("userAgent", UserAgent);
            if (ErrorCode is not null)
            {
                json.WriteString("errorCode", ErrorCode);
                json.WriteString("errorMessage", ErrorMessage ?? string.Empty);
            }

            json.WriteStartObject("requestParameters");
            json.WriteString("roleArn", RoleArn);
            json.WriteString("roleSessionName", RoleSessionName);
            if (DurationSeconds is { } duration)
            {
                json.WriteNumber("durationSeconds", duration);
            }

            json.WriteEndObject();
            if (ErrorCode is null)
            {
                var roleName = RoleArn.Substring(RoleArn.LastIndexOf('/') + 1);
                json.WriteStartObject("responseElements");
                json.WriteStartObject("credentials");
                json.WriteString("accessKeyId", AccessKeyId ?? string.Empty);
                json.WriteString("expiration", EventTime.AddSeconds(DurationSeconds ?? 3600).ToString("MMM d, yyyy, h:mm:ss tt", CultureInfo.InvariantCulture));
                json.WriteEndObject();
                json.WriteString("subjectFromWebIdentityToken", Subject);
                json.WriteStartObject("assumedRoleUser");
                json.WriteString("assumedRoleId", (AssumedRoleId ?? "AROAEMULATED").Split(':')[0] + ":" + RoleSessionName);
                json.WriteString("arn", $"arn:{Partition}:sts::{AccountId}:assumed-role/{roleName}/{RoleSessionName}");
                json.WriteEndObject();
                json.WriteString("provider", ProviderArn);
                json.WriteString("audience", Audience);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("responseElements");
            }

            json.WriteStartObject("additionalEventData");
            json.WriteString("identityProviderConnectionVerificationMethod", "IAMTrustStore");
            json.WriteEndObject();
            json.WriteString("requestID", RequestId);
            json.WriteString("eventID", EventId);
            json.WriteBoolean("readOnly", true);
            json.WriteStartArray("resources");
            json.WriteStartObject();
            json.WriteString("accountId", AccountId);
            json.WriteString("type", "AWS::IAM::Role");
            json.WriteString("ARN", RoleArn);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("eventType", "AwsApiCall");
            json.WriteBoolean("managementEvent", true);
            json.WriteString("recipientAccountId", AccountId);
            json.WriteString("eventCategory", "Management");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The stored event (record plus LookupEvents' fields).</summary>
    public TrailEvent ToEvent()
    {
        using var document = JsonDocument.Parse(ToJson());
        return TrailEvent.FromRecord(document.RootElement, Region);
    }

    /// <summary><c>https://oidc.eks.us-east-1.amazonaws.com/id/X</c> → <c>oidc.eks.us-east-1.amazonaws.com/id/X</c>.</summary>
    public static string HostPath(string issuer)
    {
        var text = issuer.Trim();
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring("https://".Length);
        }

        return text.TrimEnd('/');
    }

    /// <summary>The claims of a JWT's payload (no signature check: CloudTrail records what the token says).</summary>
    public static IReadOnlyDictionary<string, JsonElement>? TokenClaims(string? token)
    {
        var parts = token?.Split('.');
        if (parts is null || parts.Length < 2)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Convert.FromBase64String(payload));
            var claims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                claims[property.Name] = property.Value.Clone();
            }

            return claims;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Part(string arn, int index)
    {
        var parts = arn.Split(':');
        return parts.Length > index && parts[index].Length > 0 ? parts[index] : (index == 1 ? "aws" : "123456789012");
    }
}
