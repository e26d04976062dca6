using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// Maps API paths to the store: discovery, namespaces, ServiceAccounts (get, list, create, update, merge patch, delete,
/// TokenRequest), pods (get, list, create, delete), nodes (get, list, create), DaemonSets (apps/v1: get, list, create,
/// delete) and SelfSubjectAccessReview. Every request is
/// authorized against the caller's <see cref="KubeGrant"/> first (403 with the real server's message otherwise). Lists honour
/// <c>limit</c>/<c>continue</c>/selectors and answer a Table when kubectl asks for one.
/// </summary>
internal sealed partial class KubeRouter
{
    private const string MergePatch = "application/merge-patch+json";
    private const string StrategicMergePatch = "application/strategic-merge-patch+json";
    private readonly KubeStore _store;
    private readonly KubeTokenIssuer _issuer;
    private readonly KubeApiStandInOptions _options;
    private readonly Func<string> _serverAddress;

    public KubeRouter(KubeStore store, KubeTokenIssuer issuer, KubeApiStandInOptions options, Func<string> serverAddress)
    {
        _store = store;
        _issuer = issuer;
        _options = options;
        _serverAddress = serverAddress;
    }

    public async Task RouteAsync(HttpContext context, KubeGrant grant)
    {
        var request = context.Request;
        var method = request.Method;
        var segments = (request.Path.Value ?? "/").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        if (query.TryGetValue("watch", out var watch) && watch is "true" or "1")
        {
            throw KubeStatusException.BadRequest("watch is not supported by the IrsaPS API stand-in");
        }

        if (query.ContainsKey("dryRun"))
        {
            throw KubeStatusException.BadRequest("dryRun is not supported by the IrsaPS API stand-in");
        }

        var table = KubeTables.Wanted(request.Headers.Accept.ToString());
        switch (segments)
        {
            case ["version"]:
                await KubeResponses.WriteAsync(context, 200, KubeDiscovery.WriteVersion).ConfigureAwait(false);
                return;
            case ["api"]:
                await KubeResponses.WriteAsync(context, 200, w => KubeDiscovery.WriteApiVersions(w, _serverAddress())).ConfigureAwait(false);
                return;
            case ["api", "v1"]:
                await KubeResponses.WriteAsync(context, 200, KubeDiscovery.WriteCoreResources).ConfigureAwait(false);
                return;
            case ["apis"]:
                await KubeResponses.WriteAsync(context, 200, KubeDiscovery.WriteGroups).ConfigureAwait(false);
                return;
            case ["apis", "apps", ..]:
                await AppsAsync(context, grant, method, segments, query, table).ConfigureAwait(false);
                return;
            case ["apis", "authorization.k8s.io" or "authentication.k8s.io"]:
                await KubeResponses.WriteAsync(context, 200, w => KubeDiscovery.WriteGroup(w, segments[1])).ConfigureAwait(false);
                return;
            case ["apis", "authorization.k8s.io", "v1"]:
                await KubeResponses.WriteAsync(context, 200, KubeDiscovery.WriteAuthorizationResources).ConfigureAwait(false);
                return;
            case ["apis", "authentication.k8s.io", "v1"]:
                await KubeResponses.WriteAsync(context, 200, KubeDiscovery.WriteAuthenticationResources).ConfigureAwait(false);
                return;
            case ["apis", "authorization.k8s.io", "v1", "selfsubjectaccessreviews"] when method == "POST":
                await AccessReviewAsync(context, grant).ConfigureAwait(false);
                return;
            case ["api", "v1", "namespaces"]:
                await NamespacesAsync(context, grant, method, query, table).ConfigureAwait(false);
                return;
            case ["api", "v1", "namespaces", var ns] when method == "GET":
                Authorize(grant, "get", "namespaces", ns, null);
                var found = _store.GetNamespace(ns);
                await KubeResponses.WriteAsync(context, 200, w => KubeObjectJson.WriteNamespace(w, found)).ConfigureAwait(false);
                return;
            case ["api", "v1", "nodes"] when method == "GET":
                await ListNodesAsync(context, grant, query, table).ConfigureAwait(false);
                return;
            case ["api", "v1", "nodes"] when method == "POST":
                await CreateNodeAsync(context, grant).ConfigureAwait(false);
                return;
            case ["api", "v1", "nodes", var nodeName] when method == "GET":
                Authorize(grant, "get", "nodes", null, nodeName);
                var node = _store.GetNode(nodeName);
                await KubeResponses.WriteAsync(context, 200, w =>
                {
                    if (table)
                    {
                        KubeTables.WriteNodes(w, [node], node.Meta.ResourceVersion, null, DateTimeOffset.UtcNow);
                    }
                    else
                    {
                        KubeObjectJson.WriteNode(w, node);
                    }
                }).ConfigureAwait(false);
                return;
            case ["api", "v1", "serviceaccounts"] when method == "GET":
                await ListServiceAccountsAsync(context, grant, null, query, table).ConfigureAwait(false);
                return;
            case ["api", "v1", "pods"] when method == "GET":
                await ListPodsAsync(context, grant, null, query, table).ConfigureAwait(false);
                return;
            case ["api", "v1", "namespaces", var ns, "serviceaccounts"]:
                if (method == "GET")
                {
                    await ListServiceAccountsAsync(context, grant, ns, query, table).ConfigureAwait(false);
                }
                else if (method == "POST")
                {
                    await CreateServiceAccountAsync(context, grant, ns).ConfigureAwait(false);
                }
                else
                {
                    throw MethodNotAllowed(method);
                }

                return;
            case ["api", "v1", "namespaces", var ns, "serviceaccounts", var name]:
                await ServiceAccountAsync(context, grant, method, ns, name, table).ConfigureAwait(false);
                return;
            case ["api", "v1", "namespaces", var ns, "serviceaccounts", var name, "token"] when method == "POST":
                await TokenRequestAsync(context, grant, ns, name).ConfigureAwait(false);
                return;
            case ["api", "v1", "namespaces", var ns, "pods"]:
                if (method == "GET")
                {
                    await ListPodsAsync(context, grant, ns, query, table).ConfigureAwait(false);
                }
                else if (method == "POST")
                {
                    await CreatePodAsync(context, grant, ns).ConfigureAwait(false);
                }
                else
                {
                    throw MethodNotAllowed(method);
                }

                return;
            case ["api", "v1", "namespaces", var ns, "pods", var name]:
                await PodAsync(context, grant, method, ns, name, table).ConfigureAwait(false);
                return;
            default:
                throw new KubeStatusException(404, "NotFound", "the server could not find the requested resource");
        }
    }

    private async Task NamespacesAsync(HttpContext context, KubeGrant grant, string method, Dictionary<string, string?> query, bool table)
    {
        if (method == "GET")
        {
            Authorize(grant, "list", "namespaces", null, null);
            var items = _store.ListNamespaces(KubeListQuery.Parse(null, query), out var next, out var remaining, out var version);
            var token = next is null ? null : KubeListQuery.EncodeContinue(next);
            var now = DateTimeOffset.UtcNow;
            await KubeResponses.WriteAsync(context, 200, w =>
            {
                if (table)
                {
                    KubeTables.WriteNamespaces(w, items, version, token, now);
                }
                else
                {
                    KubeResponses.WriteList(w, "NamespaceList", version, token, next is null ? null : remaining, items, KubeObjectJson.WriteNamespace);
                }
            }).ConfigureAwait(false);
            return;
        }

        if (method != "POST")
        {
            throw MethodNotAllowed(method);
        }

        using var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var meta = KubeObjectJson.ReadMetadata(body.RootElement);
        var name = meta.Name ?? throw KubeStatusException.Invalid("Namespace", string.Empty, "metadata.name: Required value: name or generateName is required");
        Authorize(grant, "create", "namespaces", null, null);
        var created = _store.CreateNamespace(name, meta.Labels);
        await KubeResponses.WriteAsync(context, 201, w => KubeObjectJson.WriteNamespace(w, created)).ConfigureAwait(false);
    }

    private async Task ListNodesAsync(HttpContext context, KubeGrant grant, Dictionary<string, string?> query, bool table)
    {
        Authorize(grant, "list", "nodes", null, null);
        var items = _store.ListNodes(KubeListQuery.Parse(null, query), out var next, out var remaining, out var version);
        var token = next is null ? null : KubeListQuery.EncodeContinue(next);
        var now = DateTimeOffset.UtcNow;
        await KubeResponses.WriteAsync(context, 200, w =>
        {
            if (table)
            {
                KubeTables.WriteNodes(w, items, version, token, now);
            }
            else
            {
                KubeResponses.WriteList(w, "NodeList", version, token, next is null ? null : remaining, items, KubeObjectJson.WriteNode);
            }
        }).ConfigureAwait(false);
    }

    private async Task CreateNodeAsync(HttpContext context, KubeGrant grant)
    {
        using var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var meta = KubeObjectJson.ReadMetadata(body.RootElement);
        var name = meta.Name ?? throw KubeStatusException.Invalid("Node", string.Empty, "metadata.name: Required value: name or generateName is required");
        Authorize(grant, "create", "nodes", null, null);
        var spec = body.RootElement.TryGetProperty("spec", out var s) ? s : default;
        var created = _store.CreateNode(name, KubeObjectJson.GetString(spec, "providerID"), meta.Labels);
        await KubeResponses.WriteAsync(context, 201, w => KubeObjectJson.WriteNode(w, created)).ConfigureAwait(false);
    }

    private async Task ListServiceAccountsAsync(HttpContext context, KubeGrant grant, string? ns, Dictionary<string, string?> query, bool table)
    {
        Authorize(grant, "list", "serviceaccounts", ns, null);
        var items = _store.ListServiceAccounts(KubeListQuery.Parse(ns, query), out var next, out var remaining, out var version);
        var token = next is null ? null : KubeListQuery.EncodeContinue(next);
        var now = DateTimeOffset.UtcNow;
        await KubeResponses.WriteAsync(context, 200, w =>
        {
            if (table)
            {
                KubeTables.WriteServiceAccounts(w, items, version, token, now);
            }
            else
            {
                KubeResponses.WriteList(w, "ServiceAccountList", version, token, next is null ? null : remaining, items, KubeObjectJson.WriteServiceAccount);
            }
        }).ConfigureAwait(false);
    }

    private async Task ListPodsAsync(HttpContext context, KubeGrant grant, string? ns, Dictionary<string, string?> query, bool table)
    {
        Authorize(grant, "list", "pods", ns, null);
        var items = _store.ListPods(KubeListQuery.Parse(ns, query), out var next, out var remaining, out var version);
        var token = next is null ? null : KubeListQuery.EncodeContinue(next);
        var now = DateTimeOffset.UtcNow;
        await KubeResponses.WriteAsync(context, 200, w =>
        {
            if (table)
            {
                KubeTables.WritePods(w, items, version, token, now);
            }
            else
            {
                KubeResponses.WriteList(w, "PodList", version, token, next is null ? null : remaining, items, KubeObjectJson.WritePod);
            }
        }).ConfigureAwait(false);
    }

    private async Task CreateServiceAccountAsync(HttpContext context, KubeGrant grant, string ns)
    {
        using var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var meta = KubeObjectJson.ReadMetadata(body.RootElement);
        var name = meta.Name ?? throw KubeStatusException.Invalid("ServiceAccount", string.Empty, "metadata.name: Required value: name or generateName is required");
        CheckNamespaceMatches(meta.Namespace, ns);
        Authorize(grant, "create", "serviceaccounts", ns, null);
        var created = _store.CreateServiceAccount(ns, name, meta.Annotations, meta.Labels, KubeObjectJson.ReadAutomount(body.RootElement));
        await KubeResponses.WriteAsync(context, 201, w => KubeObjectJson.WriteServiceAccount(w, created)).ConfigureAwait(false);
    }

    private async Task ServiceAccountAsync(HttpContext context, KubeGrant grant, string method, string ns, string name, bool table)
    {
        KubeServiceAccountObject result;
        switch (method)
        {
            case "GET":
                Authorize(grant, "get", "serviceaccounts", ns, name);
                result = _store.GetServiceAccount(ns, name);
                if (table)
                {
                    var version = result.Meta.ResourceVersion;
                    await KubeResponses.WriteAsync(context, 200, w => KubeTables.WriteServiceAccounts(w, [result], version, null, DateTimeOffset.UtcNow)).ConfigureAwait(false);
                    return;
                }

                break;
            case "PUT":
                {
                    Authorize(grant, "update", "serviceaccounts", ns, name);
                    using var body = await ReadBodyAsync(context).ConfigureAwait(false);
                    var meta = KubeObjectJson.ReadMetadata(body.RootElement);
                    CheckNameMatches(meta.Name, name);
                    CheckNamespaceMatches(meta.Namespace, ns);
                    var automount = KubeObjectJson.ReadAutomount(body.RootElement);
                    result = _store.UpdateServiceAccount(ns, name, meta.ResourceVersion, _ => (meta.Labels, meta.Annotations, automount));
                    break;
                }

            case "PATCH":
                {
                    Authorize(grant, "patch", "serviceaccounts", ns, name);
                    var contentType = context.Request.ContentType?.Split(';')[0].Trim();
                    if (contentType is not (MergePatch or StrategicMergePatch))
                    {
                        throw new KubeStatusException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {MergePatch}, {StrategicMergePatch}");
                    }

                    var patch = JsonNode.Parse(await ReadTextAsync(context).ConfigureAwait(false)) as JsonObject
                        ?? throw KubeStatusException.BadRequest("the patch is not a JSON object");
                    var expected = (patch["metadata"] as JsonObject)?["resourceVersion"]?.GetValue<string>();
                    result = _store.UpdateServiceAccount(ns, name, expected, current => ApplyPatch(current, patch, name, ns));
                    break;
                }

            case "DELETE":
                Authorize(grant, "delete", "serviceaccounts", ns, name);
                result = _store.DeleteServiceAccount(ns, name);
                break;
            default:
                throw MethodNotAllowed(method);
        }

        await KubeResponses.WriteAsync(context, 200, w => KubeObjectJson.WriteServiceAccount(w, result)).ConfigureAwait(false);
    }

    private static (IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>, bool?) ApplyPatch(KubeServiceAccountObject current, JsonObject patch, string name, string ns)
    {
        var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            KubeObjectJson.WriteServiceAccount(writer, current);
        }

        var merged = KubeMergePatch.Apply(JsonNode.Parse(buffer.ToArray()), patch);
        using var document = JsonDocument.Parse(merged!.ToJsonString());
        var meta = KubeObjectJson.ReadMetadata(document.RootElement);
        CheckNameMatches(meta.Name, name);
        CheckNamespaceMatches(meta.Namespace, ns);
        return (meta.Labels, meta.Annotations, KubeObjectJson.ReadAutomount(document.RootElement));
    }

    private async Task TokenRequestAsync(HttpContext context, KubeGrant grant, string ns, string name)
    {
        Authorize(grant, "create", "serviceaccounts/token", ns, name);
        using var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var spec = body.RootElement.TryGetProperty("spec", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var audiences = spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("audiences", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => a.GetString() ?? string.Empty).Where(a => a.Length > 0).ToList()
            : [];
        if (audiences.Count == 0)
        {
            audiences = [.. _options.DefaultAudiences];
        }

        long expiration = 3600;
        if (spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("expirationSeconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number)
        {
            expiration = seconds.GetInt64();
        }

        if (expiration < 600)
        {
            throw new KubeStatusException(
                422,
                "Invalid",
                $"TokenRequest.authentication.k8s.io \"{name}\" is invalid: spec.expirationSeconds: Invalid value: {expiration.ToString(CultureInfo.InvariantCulture)}: may not specify a duration less than 10 minutes",
                name,
                "TokenRequest");
        }

        expiration = Math.Min(expiration, (long)TimeSpan.FromHours(48).TotalSeconds);
        var account = _store.GetServiceAccount(ns, name);
        var now = DateTimeOffset.UtcNow;
        var token = _issuer.Issue(ns, name, account.Meta.Uid, audiences, now, expiration);
        await KubeResponses.WriteAsync(context, 201, w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "TokenRequest");
            w.WriteString("apiVersion", "authentication.k8s.io/v1");
            w.WriteStartObject("metadata");
            w.WriteString("name", name);
            w.WriteString("namespace", ns);
            w.WriteNull("creationTimestamp");
            w.WriteEndObject();
            w.WriteStartObject("spec");
            w.WriteStartArray("audiences");
            foreach (var audience in audiences)
            {
                w.WriteStringValue(audience);
            }

            w.WriteEndArray();
            w.WriteNumber("expirationSeconds", expiration);
            w.WriteNull("boundObjectRef");
            w.WriteEndObject();
            w.WriteStartObject("status");
            w.WriteString("token", token);
            w.WriteString("expirationTimestamp", KubeObjectJson.Time(now.AddSeconds(expiration)));
            w.WriteEndObject();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task CreatePodAsync(HttpContext context, KubeGrant grant, string ns)
    {
        using var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var meta = KubeObjectJson.ReadMetadata(body.RootElement);
        var name = meta.Name ?? throw KubeStatusException.Invalid("Pod", string.Empty, "metadata.name: Required value: name or generateName is required");
        CheckNamespaceMatches(meta.Namespace, ns);
        Authorize(grant, "create", "pods", ns, null);
        var (serviceAccount, node, hostNetwork, phase, containers, initContainers, owners) = KubeObjectJson.ReadPod(body.RootElement);
        var pod = new KubePodObject(
            new KubeMeta(name, ns, string.Empty, 0, default, meta.Labels, meta.Annotations),
            serviceAccount,
            node,
            hostNetwork,
            phase ?? "Pending",
            containers,
            initContainers,
            [],
            owners);
        var created = _store.CreatePod(pod);
        await KubeResponses.WriteAsync(context, 201, w => KubeObjectJson.WritePod(w, created)).ConfigureAwait(false);
    }

    private async Task PodAsync(HttpContext context, KubeGrant grant, string method, string ns, string name, bool table)
    {
        KubePodObject pod;
        switch (method)
        {
            case "GET":
                Authorize(grant, "get", "pods", ns, name);
                pod = _store.GetPod(ns, name);
                if (table)
                {
                    await KubeResponses.WriteAsync(context, 200, w => KubeTables.WritePods(w, [pod], pod.Meta.ResourceVersion, null, DateTimeOffset.UtcNow)).ConfigureAwait(false);
                    return;
                }

                break;
            case "DELETE":
                Authorize(grant, "delete", "pods", ns, name);
                pod = _store.DeletePod(ns, name);
                break;
            default:
                throw MethodNotAllowed(method);
        }

        await KubeResponses.WriteAsync(context, 200, w => KubeObjectJson.WritePod(w, pod)).ConfigureAwait(false);
    }

    private static async Task AccessReviewAsync(HttpContext context, KubeGrant grant)
    {
        using var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var spec = body.RootElement.TryGetProperty("spec", out var s) ? s : default;
        var attributes = spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("resourceAttributes", out var a) ? a : default;
        var verb = KubeObjectJson.GetString(attributes, "verb") ?? string.Empty;
        var ns = KubeObjectJson.GetString(attributes, "namespace");
        var allowed = attributes.ValueKind == JsonValueKind.Object && grant.Allows(verb, string.IsNullOrEmpty(ns) ? null : ns);
        await KubeResponses.WriteAsync(context, 201, w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "SelfSubjectAccessReview");
            w.WriteString("apiVersion", "authorization.k8s.io/v1");
            w.WriteStartObject("metadata");
            w.WriteNull("creationTimestamp");
            w.WriteEndObject();
            w.WritePropertyName("spec");
            spec.WriteTo(w);
            w.WriteStartObject("status");
            w.WriteBoolean("allowed", allowed);
            if (allowed)
            {
                w.WriteString("reason", $"RBAC: allowed by the IrsaPS stand-in grant of user \"{grant.User}\"");
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static void Authorize(KubeGrant grant, string verb, string resource, string? ns, string? name)
    {
        if (!grant.Allows(verb, ns))
        {
            throw new KubeStatusException(403, "Forbidden", KubeAccessControl.ForbiddenMessage(grant, verb, resource, name, ns), name, resource.Split('/')[0]);
        }
    }

    private static void CheckNameMatches(string? bodyName, string urlName)
    {
        if (bodyName is not null && bodyName != urlName)
        {
            throw KubeStatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({urlName})");
        }
    }

    private static void CheckNamespaceMatches(string? bodyNamespace, string urlNamespace)
    {
        if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != urlNamespace)
        {
            throw KubeStatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static KubeStatusException MethodNotAllowed(string method) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})");

    private static async Task<JsonDocument> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw KubeStatusException.BadRequest("the request body is not valid JSON: " + ex.Message);
        }
    }

    private static async Task<string> ReadTextAsync(HttpContext context)
    {
        using var reader = new System.IO.StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
