using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using IrsaPS.Emulators.Aws;
using IrsaPS.Emulators.CloudTrail;

namespace IrsaPS.Emulators.Iam;

/// <summary>
/// IAM's <c>RoleLastUsed</c> (LastUsedDate and Region) in front of moto. moto 5.2.1 sets a role's LastUsedDate when a
/// request is signed with keys from one of its sessions but never its Region, and cannot be told a date in the past. This
/// service learns which access keys belong to which role from the AssumeRoleWithWebIdentity answers it observes, records
/// the date and signing region of every later request signed with such a key (a role is "used" when its credentials
/// call AWS, as IAM's access-advisor data says), accepts seeded values (<c>POST /_irsaps/iam/role-last-used</c> with
/// <c>{"roles": [{"roleName", "lastUsedDate", "region"}]}</c>), and writes what it knows into moto's GetRole and
/// GetAccountAuthorizationDetails answers: the later of moto's date and its own, with its region.
/// </summary>
public sealed class RoleLastUsedEmulation : IAwsEmulatedService
{
    public const string AdminPath = "/_irsaps/iam/role-last-used";
    private const string IamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";
    private readonly ConcurrentDictionary<string, string> _roleOfKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTime Date, string? Region)> _lastUsed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What this service would report for a role, or null.</summary>
    public (DateTime Date, string? Region)? LastUsed(string roleName) => _lastUsed.TryGetValue(roleName, out var value) ? value : null;

    /// <summary>Sets a role's last use (kept when a later use is observed).</summary>
    public void Seed(string roleName, DateTime date, string? region) =>
        _lastUsed.AddOrUpdate(roleName, (date.ToUniversalTime(), region), (_, old) => old.Date >= date.ToUniversalTime() ? old : (date.ToUniversalTime(), region));

    public Task<AwsEmulatedResponse?> TryHandleAsync(AwsEmulatedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Path.TrimEnd('/'), AdminPath, StringComparison.Ordinal))
        {
            return Task.FromResult<AwsEmulatedResponse?>(null);
        }

        if (request.Method != "POST")
        {
            return Task.FromResult<AwsEmulatedResponse?>(AwsEmulatedResponse.RestJsonError(405, "MethodNotAllowed", "POST {\"roles\": [{\"roleName\", \"lastUsedDate\", \"region\"}]}."));
        }

        try
        {
            using var document = JsonDocument.Parse(request.Body);
            var seeded = 0;
            foreach (var role in document.RootElement.GetProperty("roles").EnumerateArray())
            {
                var name = role.GetProperty("roleName").GetString() ?? throw new FormatException("roleName is missing.");
                var date = DateTime.Parse(role.GetProperty("lastUsedDate").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                Seed(name, date, role.TryGetProperty("region", out var region) ? region.GetString() : null);
                seeded++;
            }

            return Task.FromResult<AwsEmulatedResponse?>(AwsEmulatedResponse.Json(200, "{\"seeded\":" + seeded.ToString(CultureInfo.InvariantCulture) + "}"));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
        {
            return Task.FromResult<AwsEmulatedResponse?>(AwsEmulatedResponse.RestJsonError(400, "InvalidRequest", ex.Message));
        }
    }

    public void Observe(AwsEmulatedRequest request, int statusCode, byte[] responseBody)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ObservedWebIdentityCall.TryRead(request, statusCode, responseBody) is { AccessKeyId: { } key } call)
        {
            _roleOfKey[key] = call.RoleArn;
            return;
        }

        if (request.AccessKeyId is { } signer && _roleOfKey.TryGetValue(signer, out var roleArn))
        {
            var name = roleArn[(roleArn.LastIndexOf('/') + 1)..];
            var now = DateTime.UtcNow;
            _lastUsed[name] = (new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc), request.Region);
        }
    }

    public byte[] Rewrite(AwsEmulatedRequest request, int statusCode, byte[] responseBody)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (statusCode != 200 || _lastUsed.IsEmpty || request.Kind.Action is not ("GetRole" or "GetAccountAuthorizationDetails"))
        {
            return responseBody;
        }

        XDocument document;
        try
        {
            document = XDocument.Parse(Encoding.UTF8.GetString(responseBody));
        }
        catch (XmlException)
        {
            return responseBody;
        }

        var changed = false;
        var roles = document.Descendants().Where(e => e.Name.LocalName is "Role" or "member" && e.Elements().Any(c => c.Name.LocalName == "RoleName") && e.Elements().Any(c => c.Name.LocalName == "AssumeRolePolicyDocument"));
        foreach (var role in roles.ToList())
        {
            var name = role.Elements().First(c => c.Name.LocalName == "RoleName").Value;
            if (!_lastUsed.TryGetValue(name, out var ours))
            {
                continue;
            }

            var ns = role.Name.Namespace == XNamespace.None ? XNamespace.Get(IamNamespace) : role.Name.Namespace;
            var existing = role.Elements().FirstOrDefault(c => c.Name.LocalName == "RoleLastUsed");
            var motoDate = existing?.Elements().FirstOrDefault(c => c.Name.LocalName == "LastUsedDate")?.Value;
            var date = ours.Date;
            if (motoDate is not null && DateTime.TryParse(motoDate, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var moto) && moto > date)
            {
                date = moto;
            }

            var element = new XElement(ns + "RoleLastUsed", new XElement(ns + "LastUsedDate", date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            if (ours.Region is not null)
            {
                element.Add(new XElement(ns + "Region", ours.Region));
            }

            if (existing is null)
            {
                role.Add(element);
            }
            else
            {
                existing.ReplaceWith(element);
            }

            changed = true;
        }

        if (!changed)
        {
            return responseBody;
        }

        var text = (document.Declaration is null ? string.Empty : document.Declaration + "\n") + document.ToString(SaveOptions.DisableFormatting);
        return Encoding.UTF8.GetBytes(text);
    }
}
