using System.Linq;
using System.Text;
using System.Text.Json;
using System.Web;
using System.Xml;
using System.Xml.Linq;
using IrsaPS.Emulators.Aws;

namespace IrsaPS.Emulators.CloudTrail;

/// <summary>
/// An <c>AssumeRoleWithWebIdentity</c> call that went through the emulator layer, read from the request (form fields
/// RoleArn, RoleSessionName, DurationSeconds, WebIdentityToken: its payload's <c>iss</c>, <c>sub</c>, <c>aud</c>) and
/// from moto's answer (the new AccessKeyId and AssumedRoleId, or the error code and message).
/// </summary>
public sealed record ObservedWebIdentityCall(
    string RoleArn,
    string RoleSessionName,
    int? DurationSeconds,
    string Issuer,
    string Subject,
    string Audience,
    string? AccessKeyId,
    string? AssumedRoleId,
    string? ErrorCode,
    string? ErrorMessage)
{
    public const string Action = "AssumeRoleWithWebIdentity";

    /// <summary>The call, or null when <paramref name="request"/> is not an AssumeRoleWithWebIdentity with a role ARN.</summary>
    public static ObservedWebIdentityCall? TryRead(AwsEmulatedRequest request, int statusCode, byte[] responseBody)
    {
        if (request is null || request.Kind.Action != Action)
        {
            return null;
        }

        var form = HttpUtility.ParseQueryString(request.Query?.TrimStart('?') ?? string.Empty);
        if (form["RoleArn"] is null && request.Body.Length > 0)
        {
            form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(request.Body));
        }

        var roleArn = form["RoleArn"];
        if (string.IsNullOrEmpty(roleArn))
        {
            return null;
        }

        var claims = WebIdentityRecord.TokenClaims(form["WebIdentityToken"]);
        string Claim(string name)
        {
            if (claims is null || !claims.TryGetValue(name, out var value))
            {
                return string.Empty;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? string.Empty,
                JsonValueKind.Array => value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(v => v is not null) ?? string.Empty,
                _ => value.ToString(),
            };
        }

        var duration = int.TryParse(form["DurationSeconds"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : (int?)null;
        string? accessKeyId = null, assumedRoleId = null, errorCode = null, errorMessage = null;
        var root = Parse(responseBody);
        if (statusCode is >= 200 and < 300)
        {
            accessKeyId = Find(root, "Credentials", "AccessKeyId");
            assumedRoleId = Find(root, "AssumedRoleUser", "AssumedRoleId");
        }
        else
        {
            errorCode = Find(root, "Error", "Code") ?? "HTTP" + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            errorMessage = Find(root, "Error", "Message");
        }

        return new ObservedWebIdentityCall(
            roleArn!,
            form["RoleSessionName"] ?? string.Empty,
            duration,
            Claim("iss"),
            Claim("sub"),
            Claim("aud") is { Length: > 0 } aud ? aud : "sts.amazonaws.com",
            accessKeyId,
            assumedRoleId,
            errorCode,
            errorMessage);
    }

    private static XElement? Parse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : XDocument.Parse(Encoding.UTF8.GetString(body)).Root;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The text of the first <paramref name="child"/> under the first <paramref name="parent"/>, namespaces ignored.</summary>
    private static string? Find(XElement? root, string parent, string child) =>
        root?.Descendants().FirstOrDefault(e => e.Name.LocalName == parent)?.Elements().FirstOrDefault(e => e.Name.LocalName == child)?.Value;
}
