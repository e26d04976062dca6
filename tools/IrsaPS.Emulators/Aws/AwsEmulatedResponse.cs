using System.Collections.Generic;
using System.Text;

namespace IrsaPS.Emulators.Aws;

/// <summary>What an <see cref="IAwsEmulatedService"/> answers: status, content type, body and extra headers.</summary>
public sealed record AwsEmulatedResponse(int StatusCode, string ContentType, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A JSON answer (REST-JSON and JSON 1.1 services).</summary>
    public static AwsEmulatedResponse Json(int statusCode, string json, string contentType = "application/json") =>
        new(statusCode, contentType, Encoding.UTF8.GetBytes(json));

    /// <summary>A REST-JSON error: the status, <c>x-amzn-ErrorType</c> and a <c>{"message": ...}</c> body, as EKS answers.</summary>
    public static AwsEmulatedResponse RestJsonError(int statusCode, string errorType, string message) =>
        new(
            statusCode,
            "application/json",
            Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message })),
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = errorType });

    /// <summary>A JSON 1.1 error (CloudTrail): <c>{"__type": ..., "message": ...}</c>.</summary>
    public static AwsEmulatedResponse Json11Error(int statusCode, string errorType, string message) =>
        new(
            statusCode,
            "application/x-amz-json-1.1",
            Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = errorType, ["message"] = message })),
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = errorType });
}
