using System;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Builds the <see cref="AmazonServiceException"/> for an error answer, with the service's error code, HTTP status
/// and request id, so the SDK's retry policy can recognise throttling and transient failures. Query protocol
/// (IAM, STS): <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;...</c>; EC2's dialect:
/// <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;...&lt;RequestID/&gt;</c>. REST-JSON (EKS):
/// <c>x-amzn-ErrorType</c> header or <c>__type</c>/<c>code</c> in the body, <c>message</c> in the body.
/// </summary>
internal static class ServiceErrors
{
    public static AmazonServiceException FromQueryXml(byte[] body, IWebResponseData? response, Exception? inner, HttpStatusCode status)
    {
        string? code = null;
        string? message = null;
        string? type = null;
        string? requestId = null;
        try
        {
            if (body.Length > 0)
            {
                var root = XDocument.Parse(Encoding.UTF8.GetString(body)).Root;
                var error = root.Child("Error") ?? root.Child("Errors").Child("Error");
                code = error.Text("Code");
                message = error.Text("Message") ?? error.Text("message");
                type = error.Text("Type");
                requestId = root.Text("RequestId") ?? root.Text("RequestID") ?? root.Child("ResponseMetadata").Text("RequestId");
            }
        }
        catch (XmlException)
        {
            // Not XML (a proxy's HTML page, an empty 5xx): keep the status alone.
        }

        requestId ??= Header(response, "x-amzn-RequestId");
        return Create(message, inner, ErrorTypeOf(type, status), code, requestId, status);
    }

    public static AmazonServiceException FromRestJson(byte[] body, IWebResponseData? response, Exception? inner, HttpStatusCode status)
    {
        string? code = Header(response, "x-amzn-ErrorType");
        string? message = null;
        try
        {
            if (body.Length > 0)
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    code ??= StringProperty(json.RootElement, "__type") ?? StringProperty(json.RootElement, "code") ?? StringProperty(json.RootElement, "Code");
                    message = StringProperty(json.RootElement, "message") ?? StringProperty(json.RootElement, "Message");
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep the status alone.
        }

        return Create(message, inner, ErrorTypeOf(null, status), CleanJsonCode(code), Header(response, "x-amzn-RequestId"), status);
    }

    /// <summary><c>ResourceNotFoundException:http://internal.amazon.com/...</c> or <c>aws.eks#ResourceNotFoundException</c> → <c>ResourceNotFoundException</c>.</summary>
    internal static string? CleanJsonCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        var colon = code!.IndexOf(':');
        if (colon >= 0)
        {
            code = code.Substring(0, colon);
        }

        var hash = code.LastIndexOf('#');
        return hash >= 0 ? code.Substring(hash + 1) : code;
    }

    private static AmazonServiceException Create(string? message, Exception? inner, ErrorType type, string? code, string? requestId, HttpStatusCode status) =>
        new(message ?? string.Empty, inner, type, code, requestId, status);

    private static ErrorType ErrorTypeOf(string? type, HttpStatusCode status)
    {
        if (string.Equals(type, "Sender", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorType.Sender;
        }

        if (string.Equals(type, "Receiver", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorType.Receiver;
        }

        return (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
    }

    private static string? Header(IWebResponseData? response, string name) =>
        response is not null && response.IsHeaderPresent(name) ? response.GetHeaderValue(name) : null;

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
