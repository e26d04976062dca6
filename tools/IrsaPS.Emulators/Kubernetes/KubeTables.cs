using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// Server-side printing for kubectl: when a GET asks for <c>as=Table</c>, answer a <c>meta.k8s.io/v1 Table</c> with the
/// columns the real server prints (ServiceAccounts: NAME SECRETS AGE; Pods: NAME READY STATUS RESTARTS AGE, plus
/// IP and NODE with -o wide; Namespaces: NAME STATUS AGE; Nodes: NAME STATUS ROLES AGE VERSION; DaemonSets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE). Each row carries the object's metadata, which kubectl uses
/// for the NAMESPACE column of <c>-A</c>.
/// </summary>
public static class KubeTables
{
    public static bool Wanted(string? accept) => accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    public static void WriteServiceAccounts(Utf8JsonWriter writer, IReadOnlyList<KubeServiceAccountObject> items, long resourceVersion, string? continueToken, DateTimeOffset now)
    {
        Start(writer, resourceVersion, continueToken);
        Columns(writer, ("Name", "string", "name", 0), ("Secrets", "integer", string.Empty, 0), ("Age", "string", string.Empty, 0));
        writer.WriteStartArray("rows");
        foreach (var item in items)
        {
            Row(writer, item.Meta, w =>
            {
                w.WriteStringValue(item.Meta.Name);
                w.WriteNumberValue(0);
                w.WriteStringValue(Age(item.Meta.CreationTimestamp, now));
            });
        }

        End(writer);
    }

    public static void WritePods(Utf8JsonWriter writer, IReadOnlyList<KubePodObject> items, long resourceVersion, string? continueToken, DateTimeOffset now)
    {
        Start(writer, resourceVersion, continueToken);
        Columns(
            writer,
            ("Name", "string", "name", 0),
            ("Ready", "string", string.Empty, 0),
            ("Status", "string", string.Empty, 0),
            ("Restarts", "string", string.Empty, 0),
            ("Age", "string", string.Empty, 0),
            ("IP", "string", string.Empty, 1),
            ("Node", "string", string.Empty, 1));
        writer.WriteStartArray("rows");
        foreach (var pod in items)
        {
            Row(writer, pod.Meta, w =>
            {
                w.WriteStringValue(pod.Meta.Name);
                var ready = pod.Phase == "Running" ? pod.Containers.Count : 0;
                w.WriteStringValue($"{ready.ToString(CultureInfo.InvariantCulture)}/{pod.Containers.Count.ToString(CultureInfo.InvariantCulture)}");
                w.WriteStringValue(pod.Phase);
                w.WriteStringValue("0");
                w.WriteStringValue(Age(pod.Meta.CreationTimestamp, now));
                w.WriteStringValue("<none>");
                w.WriteStringValue(pod.NodeName ?? "<none>");
            });
        }

        End(writer);
    }

    public static void WriteNamespaces(Utf8JsonWriter writer, IReadOnlyList<KubeNamespaceObject> items, long resourceVersion, string? continueToken, DateTimeOffset now)
    {
        Start(writer, resourceVersion, continueToken);
        Columns(writer, ("Name", "string", "name", 0), ("Status", "string", string.Empty, 0), ("Age", "string", string.Empty, 0));
        writer.WriteStartArray("rows");
        foreach (var item in items)
        {
            Row(writer, item.Meta, w =>
            {
                w.WriteStringValue(item.Meta.Name);
                w.WriteStringValue("Active");
                w.WriteStringValue(Age(item.Meta.CreationTimestamp, now));
            });
        }

        End(writer);
    }

    public static void WriteNodes(Utf8JsonWriter writer, IReadOnlyList<KubeNodeObject> items, long resourceVersion, string? continueToken, DateTimeOffset now)
    {
        Start(writer, resourceVersion, continueToken);
        Columns(writer, ("Name", "string", "name", 0), ("Status", "string", string.Empty, 0), ("Roles", "string", string.Empty, 0), ("Age", "string", string.Empty, 0), ("Version", "string", string.Empty, 0));
        writer.WriteStartArray("rows");
        foreach (var node in items)
        {
            Row(writer, node.Meta, w =>
            {
                w.WriteStringValue(node.Meta.Name);
                w.WriteStringValue("Ready");
                w.WriteStringValue("<none>");
                w.WriteStringValue(Age(node.Meta.CreationTimestamp, now));
                w.WriteStringValue(node.KubeletVersion);
            });
        }

        End(writer);
    }

    public static void WriteDaemonSets(Utf8JsonWriter writer, IReadOnlyList<KubeDaemonSetView> items, long resourceVersion, string? continueToken, DateTimeOffset now)
    {
        Start(writer, resourceVersion, continueToken);
        Columns(
            writer,
            ("Name", "string", "name", 0),
            ("Desired", "integer", string.Empty, 0),
            ("Current", "integer", string.Empty, 0),
            ("Ready", "integer", string.Empty, 0),
            ("Up-to-date", "integer", string.Empty, 0),
            ("Available", "integer", string.Empty, 0),
            ("Node Selector", "string", string.Empty, 0),
            ("Age", "string", string.Empty, 0));
        writer.WriteStartArray("rows");
        foreach (var view in items)
        {
            var meta = view.DaemonSet.Meta;
            Row(writer, meta, w =>
            {
                w.WriteStringValue(meta.Name);
                w.WriteNumberValue(view.DesiredNumberScheduled);
                w.WriteNumberValue(view.CurrentNumberScheduled);
                w.WriteNumberValue(view.NumberReady);
                w.WriteNumberValue(view.CurrentNumberScheduled);
                w.WriteNumberValue(view.NumberReady);
                w.WriteStringValue(view.DaemonSet.NodeSelector.Count == 0 ? "<none>" : string.Join(",", view.DaemonSet.NodeSelector.Select(p => p.Key + "=" + p.Value)));
                w.WriteStringValue(Age(meta.CreationTimestamp, now));
            });
        }

        End(writer);
    }

    /// <summary>kubectl's short age: 45s, 12m, 5h, 3d, 2y.</summary>
    public static string Age(DateTimeOffset created, DateTimeOffset now)
    {
        var age = now - created;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalSeconds < 120 ? $"{(int)age.TotalSeconds}s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : age.TotalDays < 730 ? $"{(int)age.TotalDays}d"
            : $"{(int)(age.TotalDays / 365)}y";
    }

    private static void Start(Utf8JsonWriter writer, long resourceVersion, string? continueToken)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Table");
        writer.WriteString("apiVersion", "meta.k8s.io/v1");
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", resourceVersion.ToString(CultureInfo.InvariantCulture));
        if (continueToken is not null)
        {
            writer.WriteString("continue", continueToken);
        }

        writer.WriteEndObject();
    }

    private static void Columns(Utf8JsonWriter writer, params (string Name, string Type, string Format, int Priority)[] columns)
    {
        writer.WriteStartArray("columnDefinitions");
        foreach (var (name, type, format, priority) in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("type", type);
            writer.WriteString("format", format);
            writer.WriteString("description", name);
            writer.WriteNumber("priority", priority);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void Row(Utf8JsonWriter writer, KubeMeta meta, Action<Utf8JsonWriter> cells)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("cells");
        cells(writer);
        writer.WriteEndArray();
        writer.WritePropertyName("object");
        KubeObjectJson.WritePartialObjectMetadata(writer, meta);
        writer.WriteEndObject();
    }

    private static void End(Utf8JsonWriter writer)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
