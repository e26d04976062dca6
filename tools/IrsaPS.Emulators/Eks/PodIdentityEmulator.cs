using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using System.Web;
using IrsaPS.Emulators.Aws;

namespace IrsaPS.Emulators.Eks;

/// <summary>
/// EKS Pod Identity associations, which moto 5.2.1 lacks, in front of moto: the five REST-JSON operations of botocore's
/// eks 2017-11-01 model with its exact routes and members: CreatePodIdentityAssociation
/// (<c>POST /clusters/{name}/pod-identity-associations</c>), List (<c>GET</c>, query <c>namespace</c>,
/// <c>serviceAccount</c>, <c>maxResults</c> 1-100, <c>nextToken</c>; summaries without roleArn), Describe / Update /
/// Delete (<c>GET</c> / <c>POST</c> / <c>DELETE .../{associationId}</c>). Errors as EKS answers them: 404
/// ResourceNotFoundException (unknown cluster or association), 409 ResourceInUseException ("Association already exists:
/// a-..." for a second association of one service account), 400 InvalidParameterException (bad input), 400
/// InvalidRequestException (changing an add-on-owned association, reusing a client request token with other parameters),
/// 400 ResourceLimitExceededException (5,000 per cluster). The cluster must exist in moto (DescribeCluster, cached for a
/// few seconds); deleting a cluster in moto deletes its associations. A client request token makes Create idempotent.
/// New associations become visible to List and to the Kubernetes stand-in's webhook after
/// <see cref="PodIdentityAssociationStore.ConsistencyDelay"/>.
/// </summary>
public sealed partial class PodIdentityEmulator : IAwsEmulatedService, IDisposable
{
    private const string Collection = "pod-identity-associations";
    private static readonly TimeSpan ClusterCacheLifetime = TimeSpan.FromSeconds(5);
    private readonly Uri _upstream;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, (string Arn, DateTimeOffset Until)> _clusters = new(StringComparer.Ordinal);

    public PodIdentityEmulator(Uri upstream, PodIdentityAssociationStore? store = null)
    {
        _upstream = upstream ?? throw new ArgumentNullException(nameof(upstream));
        Store = store ?? new PodIdentityAssociationStore();
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public PodIdentityAssociationStore Store { get; }

    public void Dispose() => _http.Dispose();

    public async Task<AwsEmulatedResponse?> TryHandleAsync(AwsEmulatedRequest request, CancellationToken cancellationToken)
    {
        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["clusters", _, Collection, ..] || segments.Length > 4)
        {
            return null;
        }

        var cluster = Uri.UnescapeDataString(segments[1]);
        var id = segments.Length == 4 ? Uri.UnescapeDataString(segments[3]) : null;
        var region = request.Region ?? "us-east-1";
        try
        {
            var clusterArn = await ClusterArnAsync(request, region, cluster, cancellationToken).ConfigureAwait(false);
            if (clusterArn is null)
            {
                return Error(404, "ResourceNotFoundException", $"No cluster found for name: {cluster}.", cluster);
            }

            return (request.Method, id) switch
            {
                ("POST", null) => Create(request, region, cluster, clusterArn),
                ("GET", null) => List(request, region, cluster),
                ("GET", { } one) => Describe(region, cluster, one),
                ("POST", { } one) => Update(request, region, cluster, clusterArn, one),
                ("DELETE", { } one) => Delete(region, cluster, one),
                _ => Error(405, "InvalidRequestException", $"{request.Method} is not supported on {request.Path}.", cluster),
            };
        }
        catch (BadRequest bad)
        {
            return Error(400, bad.ErrorType, bad.Message, cluster);
        }
    }

    /// <summary>A cluster deleted in moto takes its associations with it.</summary>
    public void Observe(AwsEmulatedRequest request, int statusCode, byte[] responseBody)
    {
        if (request.Method == "DELETE" && statusCode == 200 && request.Path.Trim('/').Split('/') is ["clusters", var name])
        {
            var cluster = Uri.UnescapeDataString(name);
            var region = request.Region ?? "us-east-1";
            _clusters.TryRemove(PodIdentityAssociationStore.Key(region, cluster), out _);
            Store.RemoveCluster(region, cluster);
        }
    }

    /// <summary>Adds an association owned by an EKS add-on (as the add-on would create it), for seeds and tests.</summary>
    public static PodIdentityAssociationRecord NewRecord(
        PodIdentityAssociationStore store,
        string region,
        string clusterArn,
        string ns,
        string serviceAccount,
        string roleArn,
        string? ownerArn = null,
        IReadOnlyDictionary<string, string>? tags = null,
        bool disableSessionTags = false,
        string? targetRoleArn = null,
        string? policy = null)
    {
        var arn = ParseClusterArn(clusterArn);
        var id = PodIdentityAssociationStore.NewId();
        var now = store.Now;
        return new PodIdentityAssociationRecord(
            region,
            arn.Account,
            arn.Name,
            ns,
            serviceAccount,
            roleArn,
            $"arn:{arn.Partition}:eks:{region}:{arn.Account}:podidentityassociation/{arn.Name}/{id}",
            id,
            tags ?? new Dictionary<string, string>(),
            now,
            now,
            ownerArn,
            disableSessionTags,
            targetRoleArn,
            targetRoleArn is null ? null : Guid.NewGuid().ToString(),
            policy,
            now + store.ConsistencyDelay);
    }

    private AwsEmulatedResponse Create(AwsEmulatedRequest request, string region, string cluster, string clusterArn)
    {
        using var body = ParseBody(request.Body);
        var root = body.RootElement;
        var ns = RequiredString(root, "namespace");
        var serviceAccount = RequiredString(root, "serviceAccount");
        var roleArn = RequiredString(root, "roleArn");
        ValidateNames(ns, serviceAccount);
        var account = ParseClusterArn(clusterArn).Account;
        ValidateRole(roleArn, "roleArn", sameAccount: account);
        var targetRoleArn = OptionalString(root, "targetRoleArn");
        if (targetRoleArn is not null)
        {
            ValidateRole(targetRoleArn, "targetRoleArn", sameAccount: null);
        }

        var policy = OptionalString(root, "policy");
        ValidatePolicy(policy);
        var tags = Tags(root);
        var disable = OptionalBool(root, "disableSessionTags") ?? false;
        var token = OptionalString(root, "clientRequestToken");
        if (token is not null && Store.ByToken(region, cluster, token) is { } earlier)
        {
            var same = earlier.Namespace == ns && earlier.ServiceAccount == serviceAccount && earlier.RoleArn == roleArn
                && earlier.TargetRoleArn == targetRoleArn && earlier.DisableSessionTags == disable;
            return same
                ? Answer(200, w => WriteAssociationMember(w, earlier))
                : throw new BadRequest("InvalidRequestException", $"The client request token {token} was already used with different parameters.");
        }

        var record = NewRecord(Store, region, clusterArn, ns, serviceAccount, roleArn, null, tags, disable, targetRoleArn, policy);
        if (Store.TryAdd(record, token, out var existing, out var full) is null)
        {
            return full
                ? Error(400, "ResourceLimitExceededException", $"Cluster {cluster} already has {PodIdentityAssociationStore.MaxPerCluster} Pod Identity associations, the most it can have.", cluster)
                : Error(409, "ResourceInUseException", $"Association already exists: {existing!.AssociationId}", cluster);
        }

        return Answer(200, w => WriteAssociationMember(w, record));
    }

    private AwsEmulatedResponse List(AwsEmulatedRequest request, string region, string cluster)
    {
        var query = HttpUtility.ParseQueryString(request.Query ?? string.Empty);
        var ns = EmptyAsNull(query["namespace"]);
        var serviceAccount = EmptyAsNull(query["serviceAccount"]);
        var max = 100;
        if (query["maxResults"] is { } text)
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out max) || max is < 1 or > 100)
            {
                throw new BadRequest("InvalidParameterException", $"maxResults must be between 1 and 100, not {text}.");
            }
        }

        var after = DecodeToken(EmptyAsNull(query["nextToken"]));
        var all = Store.ListVisible(region, cluster, ns, serviceAccount);
        var page = all.Where(a => after is null || string.CompareOrdinal(a.AssociationId, after) > 0).Take(max).ToList();
        var more = page.Count == max && all.Any(a => string.CompareOrdinal(a.AssociationId, page[^1].AssociationId) > 0);
        return Answer(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("associations");
            foreach (var a in page)
            {
                w.WriteStartObject();
                w.WriteString("clusterName", a.ClusterName);
                w.WriteString("namespace", a.Namespace);
                w.WriteString("serviceAccount", a.ServiceAccount);
                w.WriteString("associationArn", a.AssociationArn);
                w.WriteString("associationId", a.AssociationId);
                if (a.OwnerArn is not null)
                {
                    w.WriteString("ownerArn", a.OwnerArn);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (more)
            {
                w.WriteString("nextToken", EncodeToken(page[^1].AssociationId));
            }

            w.WriteEndObject();
        });
    }

    private AwsEmulatedResponse Describe(string region, string cluster, string id)
    {
        var found = Store.Get(region, cluster, id);
        return found is null ? NotFound(cluster, id) : Answer(200, w => WriteAssociationMember(w, found));
    }

    private AwsEmulatedResponse Update(AwsEmulatedRequest request, string region, string cluster, string clusterArn, string id)
    {
        var found = Store.Get(region, cluster, id);
        if (found is null)
        {
            return NotFound(cluster, id);
        }

        using var body = ParseBody(request.Body);
        var root = body.RootElement;
        RefuseOwned(found, "updated");
        var roleArn = OptionalString(root, "roleArn");
        if (roleArn is not null)
        {
            ValidateRole(roleArn, "roleArn", sameAccount: ParseClusterArn(clusterArn).Account);
        }

        var targetRoleArn = OptionalString(root, "targetRoleArn");
        if (targetRoleArn is not null && targetRoleArn.Length > 0)
        {
            ValidateRole(targetRoleArn, "targetRoleArn", sameAccount: null);
        }

        var policy = OptionalString(root, "policy");
        ValidatePolicy(policy);
        var disable = OptionalBool(root, "disableSessionTags");
        var now = Store.Now;
        var newTarget = targetRoleArn is null ? found.TargetRoleArn : targetRoleArn.Length == 0 ? null : targetRoleArn;
        var updated = found with
        {
            RoleArn = roleArn ?? found.RoleArn,
            TargetRoleArn = newTarget,
            ExternalId = newTarget is null ? null : newTarget == found.TargetRoleArn ? found.ExternalId ?? Guid.NewGuid().ToString() : Guid.NewGuid().ToString(),
            Policy = policy is null ? found.Policy : policy.Length == 0 ? null : policy,
            DisableSessionTags = disable ?? found.DisableSessionTags,
            ModifiedAt = now,
        };
        return Store.Replace(updated) ? Answer(200, w => WriteAssociationMember(w, updated)) : NotFound(cluster, id);
    }

    private AwsEmulatedResponse Delete(string region, string cluster, string id)
    {
        var found = Store.Get(region, cluster, id);
        if (found is null)
        {
            return NotFound(cluster, id);
        }

        RefuseOwned(found, "deleted");
        var removed = Store.Remove(region, cluster, id);
        return removed is null ? NotFound(cluster, id) : Answer(200, w => WriteAssociationMember(w, removed));
    }

    private static void RefuseOwned(PodIdentityAssociationRecord association, string verb)
    {
        if (association.OwnerArn is not null)
        {
            throw new BadRequest(
                "InvalidRequestException",
                $"Pod Identity association {association.AssociationId} is managed by the add-on {association.OwnerArn} and cannot be {verb} directly; change the add-on's pod identity configuration instead.");
        }
    }

    private async Task<string?> ClusterArnAsync(AwsEmulatedRequest request, string region, string cluster, CancellationToken cancellationToken)
    {
        var key = PodIdentityAssociationStore.Key(region, cluster);
        if (_clusters.TryGetValue(key, out var cached) && cached.Until > DateTimeOffset.UtcNow)
        {
            return cached.Arn;
        }

        using var describe = new HttpRequestMessage(HttpMethod.Get, new Uri(_upstream, "/clusters/" + Uri.EscapeDataString(cluster)));
        foreach (var name in new[] { "Authorization", "X-Amz-Date", "X-Amz-Security-Token" })
        {
            if (request.Header(name) is { } value)
            {
                describe.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _http.SendAsync(describe, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        var arn = json.RootElement.TryGetProperty("cluster", out var c) && c.TryGetProperty("arn", out var a) ? a.GetString() : null;
        if (arn is not null)
        {
            _clusters[key] = (arn, DateTimeOffset.UtcNow + ClusterCacheLifetime);
        }

        return arn;
    }

    private static AwsEmulatedResponse NotFound(string cluster, string id) =>
        Error(404, "ResourceNotFoundException", $"No Pod Identity association found with id {id} in cluster {cluster}.", cluster);

    private static AwsEmulatedResponse Answer(int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new AwsEmulatedResponse(status, "application/json", buffer.ToArray());
    }

    /// <summary>EKS's error shape: <c>x-amzn-ErrorType</c>, and <c>message</c> (with <c>clusterName</c>) in the body.</summary>
    private static AwsEmulatedResponse Error(int status, string type, string message, string? cluster)
    {
        var body = new Dictionary<string, string> { ["message"] = message };
        if (cluster is not null)
        {
            body["clusterName"] = cluster;
        }

        return new AwsEmulatedResponse(
            status,
            "application/json",
            JsonSerializer.SerializeToUtf8Bytes(body),
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = type });
    }

    private static void WriteAssociationMember(Utf8JsonWriter w, PodIdentityAssociationRecord a)
    {
        w.WriteStartObject();
        w.WritePropertyName("association");
        WriteAssociation(w, a);
        w.WriteEndObject();
    }

    private static void WriteAssociation(Utf8JsonWriter w, PodIdentityAssociationRecord a)
    {
        w.WriteStartObject();
        w.WriteString("clusterName", a.ClusterName);
        w.WriteString("namespace", a.Namespace);
        w.WriteString("serviceAccount", a.ServiceAccount);
        w.WriteString("roleArn", a.RoleArn);
        w.WriteString("associationArn", a.AssociationArn);
        w.WriteString("associationId", a.AssociationId);
        w.WriteStartObject("tags");
        foreach (var (key, value) in a.Tags)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteNumber("createdAt", Epoch(a.CreatedAt));
        w.WriteNumber("modifiedAt", Epoch(a.ModifiedAt));
        if (a.OwnerArn is not null)
        {
            w.WriteString("ownerArn", a.OwnerArn);
        }

        w.WriteBoolean("disableSessionTags", a.DisableSessionTags);
        if (a.TargetRoleArn is not null)
        {
            w.WriteString("targetRoleArn", a.TargetRoleArn);
            w.WriteString("externalId", a.ExternalId);
        }

        if (a.Policy is not null)
        {
            w.WriteString("policy", a.Policy);
        }

        w.WriteEndObject();
    }

    /// <summary>REST-JSON timestamps: epoch seconds with milliseconds.</summary>
    private static double Epoch(DateTimeOffset time) => Math.Round(time.ToUnixTimeMilliseconds() / 1000.0, 3);

    private static JsonDocument ParseBody(byte[] body)
    {
        try
        {
            var document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new BadRequest("InvalidRequestException", "The request body must be a JSON object.");
            }

            return document;
        }
        catch (JsonException)
        {
            throw new BadRequest("InvalidRequestException", "The request body is not valid JSON.");
        }
    }

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) is { Length: > 0 } value
            ? value
            : throw new BadRequest("InvalidParameterException", $"{name} is required.");

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new BadRequest("InvalidParameterException", $"{name} must be a string.");
    }

    private static bool? OptionalBool(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new BadRequest("InvalidParameterException", $"{name} must be a boolean.");
    }

    private static Dictionary<string, string> Tags(JsonElement root)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("tags", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return tags;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequest("InvalidParameterException", "tags must be a map of strings.");
        }

        foreach (var tag in value.EnumerateObject())
        {
            if (tag.Value.ValueKind != JsonValueKind.String || tag.Name.Length is < 1 or > 128 || tag.Value.GetString()!.Length > 256
                || tag.Name.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadRequest("InvalidParameterException", $"Tag '{tag.Name}' is not valid: keys have 1-128 characters and do not start with aws:, values at most 256.");
            }

            tags[tag.Name] = tag.Value.GetString()!;
        }

        return tags.Count > 50 ? throw new BadRequest("InvalidParameterException", "At most 50 tags are allowed.") : tags;
    }

    private static void ValidateNames(string ns, string serviceAccount)
    {
        if (ns.Length > 63 || !LabelPattern().IsMatch(ns))
        {
            throw new BadRequest("InvalidParameterException", $"Namespace '{ns}' is not a valid Kubernetes namespace name.");
        }

        if (serviceAccount.Length > 253 || !SubdomainPattern().IsMatch(serviceAccount))
        {
            throw new BadRequest("InvalidParameterException", $"Service account '{serviceAccount}' is not a valid Kubernetes service account name.");
        }
    }

    private static void ValidateRole(string arn, string member, string? sameAccount)
    {
        var match = RoleArnPattern().Match(arn);
        if (!match.Success)
        {
            throw new BadRequest("InvalidParameterException", $"{member} '{arn}' is not a valid IAM role ARN.");
        }

        if (sameAccount is not null && match.Groups["account"].Value != sameAccount)
        {
            throw new BadRequest("InvalidParameterException", $"{member} '{arn}' must be a role in the cluster's account {sameAccount}; use targetRoleArn for a role in another account.");
        }
    }

    private static void ValidatePolicy(string? policy)
    {
        if (string.IsNullOrEmpty(policy))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(policy);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequest("InvalidParameterException", "policy must be a JSON policy document.");
            }
        }
        catch (JsonException)
        {
            throw new BadRequest("InvalidParameterException", "policy must be a JSON policy document.");
        }
    }

    private static (string Partition, string Account, string Name) ParseClusterArn(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[5].StartsWith("cluster/", StringComparison.Ordinal)
            ? (parts[1], parts[4], parts[5]["cluster/".Length..])
            : throw new ArgumentException($"'{arn}' is not an EKS cluster ARN.", nameof(arn));
    }

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string EncodeToken(string lastId) => Convert.ToBase64String(Encoding.UTF8.GetBytes("pia1:" + lastId));

    private static string? DecodeToken(string? token)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("pia1:", StringComparison.Ordinal))
            {
                return text[5..];
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        throw new BadRequest("InvalidParameterException", "The nextToken is not valid.");
    }

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::(?<account>\d{12}):role/[\w+=,.@/-]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainPattern();

    private sealed class BadRequest(string errorType, string message) : Exception(message)
    {
        public string ErrorType { get; } = errorType;
    }
}
