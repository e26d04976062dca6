using System.Text.Json;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// Legacy (unaggregated) API discovery, which kubectl falls back to when the server does not answer the aggregated
/// form: <c>/api</c>, <c>/api/v1</c>, <c>/apis</c>, the apps, authorization and authentication group versions, and <c>/version</c>.
/// </summary>
public static class KubeDiscovery
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static void WriteApiVersions(Utf8JsonWriter writer, string serverAddress)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "APIVersions");
        writer.WriteStartArray("versions");
        writer.WriteStringValue("v1");
        writer.WriteEndArray();
        writer.WriteStartArray("serverAddressByClientCIDRs");
        writer.WriteStartObject();
        writer.WriteString("clientCIDR", "0.0.0.0/0");
        writer.WriteString("serverAddress", serverAddress);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteCoreResources(Utf8JsonWriter writer)
    {
        StartResourceList(writer, "v1");
        Resource(writer, "namespaces", "namespace", false, "Namespace", AllVerbs, ["ns"]);
        Resource(writer, "nodes", "node", false, "Node", AllVerbs, ["no"]);
        Resource(writer, "pods", "pod", true, "Pod", AllVerbs, ["po"], "all");
        Resource(writer, "serviceaccounts", "serviceaccount", true, "ServiceAccount", AllVerbs, ["sa"]);
        Resource(writer, "serviceaccounts/token", string.Empty, true, "TokenRequest", ["create"], [], group: "authentication.k8s.io", version: "v1");
        EndResourceList(writer);
    }

    public static void WriteGroups(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "APIGroupList");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartArray("groups");
        Group(writer, "apps");
        Group(writer, "authentication.k8s.io");
        Group(writer, "authorization.k8s.io");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteGroup(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "APIGroup");
        writer.WriteString("apiVersion", "v1");
        GroupBody(writer, name);
        writer.WriteEndObject();
    }

    public static void WriteAuthorizationResources(Utf8JsonWriter writer)
    {
        StartResourceList(writer, "authorization.k8s.io/v1");
        Resource(writer, "selfsubjectaccessreviews", "selfsubjectaccessreview", false, "SelfSubjectAccessReview", ["create"], []);
        EndResourceList(writer);
    }

    public static void WriteAppsResources(Utf8JsonWriter writer)
    {
        StartResourceList(writer, "apps/v1");
        Resource(writer, "daemonsets", "daemonset", true, "DaemonSet", ["create", "delete", "get", "list"], ["ds"], "all");
        EndResourceList(writer);
    }

    public static void WriteAuthenticationResources(Utf8JsonWriter writer)
    {
        StartResourceList(writer, "authentication.k8s.io/v1");
        EndResourceList(writer);
    }

    public static void WriteVersion(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("major", "1");
        writer.WriteString("minor", "31");
        writer.WriteString("gitVersion", "v1.31.0-irsaps-standin");
        writer.WriteString("gitCommit", "0000000000000000000000000000000000000000");
        writer.WriteString("gitTreeState", "clean");
        writer.WriteString("buildDate", "2024-08-13T00:00:00Z");
        writer.WriteString("goVersion", "go1.22.5");
        writer.WriteString("compiler", "gc");
        writer.WriteString("platform", "linux/amd64");
        writer.WriteEndObject();
    }

    private static void Group(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject();
        GroupBody(writer, name);
        writer.WriteEndObject();
    }

    private static void GroupBody(Utf8JsonWriter writer, string name)
    {
        writer.WriteString("name", name);
        writer.WriteStartArray("versions");
        writer.WriteStartObject();
        writer.WriteString("groupVersion", name + "/v1");
        writer.WriteString("version", "v1");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("preferredVersion");
        writer.WriteString("groupVersion", name + "/v1");
        writer.WriteString("version", "v1");
        writer.WriteEndObject();
    }

    private static void StartResourceList(Utf8JsonWriter writer, string groupVersion)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "APIResourceList");
        writer.WriteString("apiVersion", "v1");
        writer.WriteString("groupVersion", groupVersion);
        writer.WriteStartArray("resources");
    }

    private static void EndResourceList(Utf8JsonWriter writer)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Resource(Utf8JsonWriter writer, string name, string singular, bool namespaced, string kind, string[] verbs, string[] shortNames, string? category = null, string? group = null, string? version = null)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("singularName", singular);
        writer.WriteBoolean("namespaced", namespaced);
        if (group is not null)
        {
            writer.WriteString("group", group);
            writer.WriteString("version", version);
        }

        writer.WriteString("kind", kind);
        writer.WriteStartArray("verbs");
        foreach (var verb in verbs)
        {
            writer.WriteStringValue(verb);
        }

        writer.WriteEndArray();
        if (shortNames.Length > 0)
        {
            writer.WriteStartArray("shortNames");
            foreach (var shortName in shortNames)
            {
                writer.WriteStringValue(shortName);
            }

            writer.WriteEndArray();
        }

        if (category is not null)
        {
            writer.WriteStartArray("categories");
            writer.WriteStringValue(category);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
