using System;
using System.Collections.Generic;
using System.Text.Json;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>DaemonSets (apps/v1) on the wire: written as the API server writes them (spec and status), read from a create body.</summary>
public static class KubeDaemonSetJson
{
    public static void Write(Utf8JsonWriter writer, KubeDaemonSetView view)
    {
        var daemonSet = view.DaemonSet;
        writer.WriteStartObject();
        writer.WriteString("kind", "DaemonSet");
        writer.WriteString("apiVersion", "apps/v1");
        KubeObjectJson.WriteMeta(writer, daemonSet.Meta);
        writer.WriteStartObject("spec");
        writer.WriteStartObject("selector");
        WriteMap(writer, "matchLabels", daemonSet.Selector);
        writer.WriteEndObject();
        writer.WriteStartObject("template");
        writer.WriteStartObject("metadata");
        WriteMap(writer, "labels", daemonSet.PodLabels);
        writer.WriteEndObject();
        writer.WriteStartObject("spec");
        writer.WriteString("serviceAccountName", daemonSet.ServiceAccountName);
        writer.WriteBoolean("hostNetwork", true);
        if (daemonSet.NodeSelector.Count > 0)
        {
            WriteMap(writer, "nodeSelector", daemonSet.NodeSelector);
        }

        writer.WriteStartArray("containers");
        writer.WriteStartObject();
        writer.WriteString("name", daemonSet.Meta.Name);
        writer.WriteString("image", daemonSet.Image);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("updateStrategy");
        writer.WriteString("type", "RollingUpdate");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("status");
        writer.WriteNumber("currentNumberScheduled", view.CurrentNumberScheduled);
        writer.WriteNumber("desiredNumberScheduled", view.DesiredNumberScheduled);
        writer.WriteNumber("numberMisscheduled", 0);
        writer.WriteNumber("numberReady", view.NumberReady);
        writer.WriteNumber("numberAvailable", view.NumberReady);
        writer.WriteNumber("updatedNumberScheduled", view.CurrentNumberScheduled);
        writer.WriteNumber("observedGeneration", 1);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>What a create body says: the template's labels and node selector, its ServiceAccount and first image.</summary>
    public static (IReadOnlyDictionary<string, string> PodLabels, IReadOnlyDictionary<string, string> NodeSelector, string ServiceAccount, string? Image) Read(JsonElement root)
    {
        var spec = Child(root, "spec");
        var template = Child(spec, "template");
        var podSpec = Child(template, "spec");
        var selector = Map(Child(Child(spec, "selector"), "matchLabels"));
        var podLabels = Map(Child(Child(template, "metadata"), "labels"));
        foreach (var (key, value) in selector)
        {
            if (!podLabels.TryGetValue(key, out var actual) || actual != value)
            {
                throw KubeStatusException.Invalid("DaemonSet", KubeObjectJson.ReadMetadata(root).Name ?? string.Empty, "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`");
            }
        }

        string? image = null;
        if (podSpec.ValueKind == JsonValueKind.Object && podSpec.TryGetProperty("containers", out var containers) && containers.ValueKind == JsonValueKind.Array)
        {
            foreach (var container in containers.EnumerateArray())
            {
                image ??= KubeObjectJson.GetString(container, "image");
            }
        }

        return (podLabels, Map(Child(podSpec, "nodeSelector")), KubeObjectJson.GetString(podSpec, "serviceAccountName") ?? "default", image);
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    private static Dictionary<string, string> Map(JsonElement element)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    map[property.Name] = property.Value.GetString()!;
                }
            }
        }

        return map;
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
