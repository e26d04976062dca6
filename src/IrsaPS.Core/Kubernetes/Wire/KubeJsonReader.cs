using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace IrsaPS.Core.Kubernetes.Wire;

/// <summary>
/// Projects API objects onto IrsaPS's small models: only the fields the operations use are read, and nothing of the
/// JSON is kept, so listing 50,000 pods costs the models, not the documents.
/// </summary>
internal static class KubeJsonReader
{
    public static KubeServiceAccount ReadServiceAccount(JsonElement item)
    {
        var metadata = Child(item, "metadata");
        return new KubeServiceAccount
        {
            Namespace = GetString(metadata, "namespace") ?? string.Empty,
            Name = GetString(metadata, "name") ?? string.Empty,
            Uid = GetString(metadata, "uid"),
            ResourceVersion = GetString(metadata, "resourceVersion"),
            CreationTimestamp = GetTime(metadata, "creationTimestamp"),
            Annotations = GetMap(metadata, "annotations"),
            Labels = GetMap(metadata, "labels"),
            AutomountServiceAccountToken = item.TryGetProperty("automountServiceAccountToken", out var automount) && automount.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? automount.GetBoolean()
                : null,
        };
    }

    public static KubePod ReadPod(JsonElement item)
    {
        var metadata = Child(item, "metadata");
        var spec = Child(item, "spec");
        var status = Child(item, "status");
        var env = new EnvScan();
        ScanContainers(spec, "containers", ref env);
        ScanContainers(spec, "initContainers", ref env);
        var (ownerKind, ownerName) = ReadOwner(metadata);
        return new KubePod
        {
            Namespace = GetString(metadata, "namespace") ?? string.Empty,
            Name = GetString(metadata, "name") ?? string.Empty,
            Uid = GetString(metadata, "uid"),
            CreationTimestamp = GetTime(metadata, "creationTimestamp"),
            ServiceAccountName = GetString(spec, "serviceAccountName") ?? GetString(spec, "serviceAccount") ?? "default",
            NodeName = GetString(spec, "nodeName"),
            HostNetwork = spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("hostNetwork", out var host) && host.ValueKind == JsonValueKind.True,
            Phase = GetString(status, "phase"),
            HasAwsRoleArnEnv = env.HasRoleArn,
            HasWebIdentityTokenFileEnv = env.HasTokenFile,
            AwsRoleArn = env.RoleArn,
            OwnerKind = ownerKind,
            OwnerName = ownerName,
        };
    }

    public static KubeNode ReadNode(JsonElement item)
    {
        var metadata = Child(item, "metadata");
        return new KubeNode
        {
            Name = GetString(metadata, "name") ?? string.Empty,
            Uid = GetString(metadata, "uid"),
            CreationTimestamp = GetTime(metadata, "creationTimestamp"),
            Labels = GetMap(metadata, "labels"),
            ProviderId = GetString(Child(item, "spec"), "providerID"),
        };
    }

    public static KubeNamespace ReadNamespace(JsonElement item)
    {
        var metadata = Child(item, "metadata");
        return new KubeNamespace(GetString(metadata, "name") ?? string.Empty, GetString(Child(item, "status"), "phase"), GetTime(metadata, "creationTimestamp"));
    }

    /// <summary>A list page: items projected with <paramref name="project"/>, plus the list metadata.</summary>
    public static KubeListPage<T> ReadList<T>(JsonElement root, Func<JsonElement, T> project)
    {
        var items = new List<T>();
        if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            items.Capacity = array.GetArrayLength();
            foreach (var item in array.EnumerateArray())
            {
                items.Add(project(item));
            }
        }

        var metadata = Child(root, "metadata");
        long? remaining = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("remainingItemCount", out var count) && count.ValueKind == JsonValueKind.Number
            ? count.GetInt64()
            : null;
        var continueToken = GetString(metadata, "continue");
        return new KubeListPage<T>(items, string.IsNullOrEmpty(continueToken) ? null : continueToken, GetString(metadata, "resourceVersion"), remaining);
    }

    public static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static DateTimeOffset? GetTime(JsonElement element, string name)
    {
        var text = GetString(element, name);
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }

    private static IReadOnlyDictionary<string, string> GetMap(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return KubeServiceAccount.EmptyMap;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in map.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return result;
    }

    private static (string? Kind, string? Name) ReadOwner(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("ownerReferences", out var owners) || owners.ValueKind != JsonValueKind.Array)
        {
            return (null, null);
        }

        (string? Kind, string? Name) first = (null, null);
        foreach (var owner in owners.EnumerateArray())
        {
            var candidate = (GetString(owner, "kind"), GetString(owner, "name"));
            if (owner.TryGetProperty("controller", out var controller) && controller.ValueKind == JsonValueKind.True)
            {
                return candidate;
            }

            if (first.Kind is null)
            {
                first = candidate;
            }
        }

        return first;
    }

    private static void ScanContainers(JsonElement spec, string name, ref EnvScan scan)
    {
        if (spec.ValueKind != JsonValueKind.Object || !spec.TryGetProperty(name, out var containers) || containers.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var container in containers.EnumerateArray())
        {
            if (container.ValueKind != JsonValueKind.Object || !container.TryGetProperty("env", out var env) || env.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var variable in env.EnumerateArray())
            {
                switch (GetString(variable, "name"))
                {
                    case "AWS_ROLE_ARN":
                        scan.HasRoleArn = true;
                        scan.RoleArn ??= GetString(variable, "value");
                        break;
                    case "AWS_WEB_IDENTITY_TOKEN_FILE":
                        scan.HasTokenFile = true;
                        break;
                }
            }
        }
    }

    private struct EnvScan
    {
        public bool HasRoleArn;
        public bool HasTokenFile;
        public string? RoleArn;
    }
}
