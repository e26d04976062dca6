using System.Collections.Generic;
using System.Text.RegularExpressions;
using IrsaPS.Emulators.Faults;

namespace IrsaPS.Emulators.Aws;

/// <summary>
/// One AWS request as the emulator layer sees it: method, path, query, headers (case-insensitive), body, the action it
/// performs, and what its SigV4 Authorization header says (access key, date, region, service).
/// </summary>
public sealed partial record AwsEmulatedRequest(
    string Method,
    string Path,
    string? Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    AwsRequestKind Kind,
    string? SourceAddress)
{
    /// <summary>The signing service from the credential scope (<c>iam</c>, <c>sts</c>, <c>eks</c>, <c>cloudtrail</c>...), or null when unsigned.</summary>
    public string? Service => Scope()?.Groups["service"].Value;

    /// <summary>The signing region from the credential scope, or null when unsigned.</summary>
    public string? Region => Scope()?.Groups["region"].Value;

    /// <summary>The access key id that signed the request, or null when unsigned.</summary>
    public string? AccessKeyId => Scope()?.Groups["key"].Value;

    /// <summary>The <c>X-Amz-Target</c> header (JSON 1.1 protocol services such as CloudTrail), or null.</summary>
    public string? Target => Header("X-Amz-Target");

    public string? UserAgent => Header("User-Agent");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    private Match? Scope()
    {
        var authorization = Header("Authorization");
        if (authorization is null)
        {
            return null;
        }

        var match = CredentialScope().Match(authorization);
        return match.Success ? match : null;
    }

    [GeneratedRegex(@"Credential=(?<key>[^/,\s]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialScope();
}
