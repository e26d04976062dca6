using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>Renders stored objects as API JSON and reads the parts the stand-in keeps from request bodies.</summary>
public static class KubeObjectJson
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void WriteNamespace(Utf8JsonWriter writer, KubeNamespaceObject item)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Namespace");
        writer.WriteString("apiVersion", "v1");
        WriteMeta(writer, item.Meta);
        writer.WriteStartObject("spec");
        writer.WriteStartArray("finalizers");
        writer.WriteStringValue("kubernetes");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject("status");
        writer.WriteString("phase", "Active");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteServiceAccount(Utf8JsonWriter writer, KubeServiceAccountObject item)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "ServiceAccount");
        writer.WriteString("apiVersion", "v1");
        WriteMeta(writer, item.Meta);
        if (item.AutomountServiceAccountToken is { } automount)
        {
            writer.WriteBoolean("automountServiceAccountToken", automount);
        }

        writer.WriteEndObject();
    }

    public static void WritePod(Utf8JsonWriter writer, KubePodObject pod)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Pod");
        writer.WriteString("apiVersion", "v1");
        WriteMeta(writer, pod.Meta, pod.OwnerReferences);
        writer.WriteStartObject("spec");
        if (pod.Volumes.Count > 0)
        {
            writer.WriteStartArray("volumes");
            foreach (var volume in pod.Volumes)
            {
                writer.WriteStartObject();
                writer.WriteString("name", volume.Name);
                writer.WriteStartObject("projected");
                writer.WriteStartArray("sources");
                writer.WriteStartObject();
                writer.WriteStartObject("serviceAccountToken");
                writer.WriteString("audience", volume.Audience);
                writer.WriteNumber("expirationSeconds", volume.ExpirationSeconds);
                writer.WriteString("path", volume.Path);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteNumber("defaultMode", 420);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteContainers(writer, "initContainers", pod.InitContainers);
        WriteContainers(writer, "containers", pod.Containers);
        writer.WriteString("restartPolicy", "Always");
        writer.WriteString("serviceAccountName", pod.ServiceAccountName);
        writer.WriteString("serviceAccount", pod.ServiceAccountName);
        if (pod.NodeName is not null)
        {
            writer.WriteString("nodeName", pod.NodeName);
        }

        if (pod.HostNetwork)
        {
            writer.WriteBoolean("hostNetwork", true);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("status");
        writer.WriteString("phase", pod.Phase);
        if (pod.Phase == "Running")
        {
            writer.WriteString("startTime", Time(pod.Meta.CreationTimestamp));
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteNode(Utf8JsonWriter writer, KubeNodeObject node)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Node");
        writer.WriteString("apiVersion", "v1");
        WriteMeta(writer, node.Meta);
        writer.WriteStartObject("spec");
        if (node.ProviderId is not null)
        {
            writer.WriteString("providerID", node.ProviderId);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("status");
        writer.WriteStartArray("conditions");
        writer.WriteStartObject();
        writer.WriteString("type", "Ready");
        writer.WriteString("status", "True");
        writer.WriteString("reason", "KubeletReady");
        writer.WriteString("lastTransitionTime", Time(node.Meta.CreationTimestamp));
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("nodeInfo");
        writer.WriteString("kubeletVersion", node.KubeletVersion);
        writer.WriteString("operatingSystem", node.Meta.Labels.TryGetValue("kubernetes.io/os", out var os) ? os : "linux");
        writer.WriteString("architecture", "amd64");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The metadata-only form (PartialObjectMetadata) that tables carry for each row.</summary>
    public static void WritePartialObjectMetadata(Utf8JsonWriter writer, KubeMeta meta)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "PartialObjectMetadata");
        writer.WriteString("apiVersion", "meta.k8s.io/v1");
        WriteMeta(writer, meta);
        writer.WriteEndObject();
    }

    public static void WriteMeta(Utf8JsonWriter writer, KubeMeta meta, IReadOnlyList<KubeOwnerReference>? owners = null)
    {
        writer.WriteStartObject("metadata");
        writer.WriteString("name", meta.Name);
        if (meta.Namespace is not null)
        {
            writer.WriteString("namespace", meta.Namespace);
        }

        writer.WriteString("uid", meta.Uid);
        writer.WriteString("resourceVersion", meta.ResourceVersion.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("creationTimestamp", Time(meta.CreationTimestamp));
        WriteMap(writer, "labels", meta.Labels);
        WriteMap(writer, "annotations", meta.Annotations);
        if (owners is { Count: > 0 })
        {
            writer.WriteStartArray("ownerReferences");
            foreach (var owner in owners)
            {
                writer.WriteStartObject();
                writer.WriteString("apiVersion", owner.ApiVersion);
                writer.WriteString("kind", owner.Kind);
                writer.WriteString("name", owner.Name);
                writer.WriteString("uid", owner.Uid);
                writer.WriteBoolean("controller", owner.Controller);
                writer.WriteBoolean("blockOwnerDeletion", true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>What a create or update body says about the object's metadata.</summary>
    public sealed record MetadataInput(string? Name, string? Namespace, string? ResourceVersion, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

    public static MetadataInput ReadMetadata(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw KubeStatusException.BadRequest("the request body is not a JSON object");
        }

        var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        return new MetadataInput(
            GetString(metadata, "name"),
            GetString(metadata, "namespace"),
            GetString(metadata, "resourceVersion"),
            ReadMap(metadata, "labels"),
            ReadMap(metadata, "annotations"));
    }

    public static bool? ReadAutomount(JsonElement root) =>
        root.TryGetProperty("automountServiceAccountToken", out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    /// <summary>The pod parts the stand-in keeps: service account, node, host network, phase, containers, owners.</summary>
    public static (string ServiceAccount, string? Node, bool HostNetwork, string? Phase, List<KubeContainer> Containers, List<KubeContainer> InitContainers, List<KubeOwnerReference> Owners) ReadPod(JsonElement root)
    {
        var spec = root.TryGetProperty("spec", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var status = root.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.Object ? st : default;
        var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var owners = new List<KubeOwnerReference>();
        if (metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("ownerReferences", out var refs) && refs.ValueKind == JsonValueKind.Array)
        {
            foreach (var owner in refs.EnumerateArray())
            {
                owners.Add(new KubeOwnerReference(
                    GetString(owner, "apiVersion") ?? "apps/v1",
                    GetString(owner, "kind") ?? "ReplicaSet",
                    GetString(owner, "name") ?? string.Empty,
                    GetString(owner, "uid") ?? Guid.NewGuid().ToString(),
                    owner.TryGetProperty("controller", out var c) && c.ValueKind == JsonValueKind.True));
            }
        }

        return (
            GetString(spec, "serviceAccountName") ?? GetString(spec, "serviceAccount") ?? "default",
            GetString(spec, "nodeName"),
            spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("hostNetwork", out var h) && h.ValueKind == JsonValueKind.True,
            GetString(status, "phase"),
            ReadContainers(spec, "containers"),
            ReadContainers(spec, "initContainers"),
            owners);
    }

    private static List<KubeContainer> ReadContainers(JsonElement spec, string name)
    {
        var result = new List<KubeContainer>();
        if (spec.ValueKind != JsonValueKind.Object || !spec.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var container in list.EnumerateArray())
        {
            var env = new List<KubeEnvVar>();
            if (container.TryGetProperty("env", out var vars) && vars.ValueKind == JsonValueKind.Array)
            {
                foreach (var variable in vars.EnumerateArray())
                {
                    var fromReference = variable.TryGetProperty("valueFrom", out _);
                    env.Add(new KubeEnvVar(GetString(variable, "name") ?? string.Empty, GetString(variable, "value"), fromReference));
                }
            }

            var mounts = new List<KubeVolumeMount>();
            if (container.TryGetProperty("volumeMounts", out var mountList) && mountList.ValueKind == JsonValueKind.Array)
            {
                mounts.AddRange(mountList.EnumerateArray().Select(v => new KubeVolumeMount(GetString(v, "name") ?? string.Empty, GetString(v, "mountPath") ?? string.Empty)));
            }

            result.Add(new KubeContainer(GetString(container, "name") ?? "main", GetString(container, "image") ?? "busybox", env, mounts));
        }

        return result;
    }

    private static void WriteContainers(Utf8JsonWriter writer, string name, IReadOnlyList<KubeContainer> containers)
    {
        if (containers.Count == 0 && name == "initContainers")
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var container in containers)
        {
            writer.WriteStartObject();
            writer.WriteString("name", container.Name);
            writer.WriteString("image", container.Image);
            if (container.Env.Count > 0)
            {
                writer.WriteStartArray("env");
                foreach (var variable in container.Env)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", variable.Name);
                    if (variable.FromReference)
                    {
                        writer.WriteStartObject("valueFrom");
                        writer.WriteStartObject("fieldRef");
                        writer.WriteString("fieldPath", "metadata.annotations['irsaps.test/value']");
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }
                    else if (variable.Value is not null)
                    {
                        writer.WriteString("value", variable.Value);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (container.VolumeMounts.Count > 0)
            {
                writer.WriteStartArray("volumeMounts");
                foreach (var mount in container.VolumeMounts)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", mount.Name);
                    writer.WriteString("mountPath", mount.MountPath);
                    writer.WriteBoolean("readOnly", true);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var pair in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }

    private static IReadOnlyDictionary<string, string> ReadMap(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return KubeMeta.Empty;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in map.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw KubeStatusException.BadRequest($"metadata.{name}.{property.Name} must be a string");
            }

            result[property.Name] = property.Value.GetString()!;
        }

        return result;
    }

    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
