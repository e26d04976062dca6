using System.Collections.Generic;
using System.Text.Json;

namespace IrsaPS.Core.Kubernetes.Wire;

/// <summary>Projects pods onto <see cref="KubePodCredentials"/> and DaemonSets onto <see cref="KubeDaemonSet"/>; nothing of the JSON is kept.</summary>
internal static class KubePodCredentialsReader
{
    public static KubePodCredentials ReadPod(JsonElement item)
    {
        var metadata = KubeJsonReader.Child(item, "metadata");
        var spec = KubeJsonReader.Child(item, "spec");
        var scan = new Scan();
        ScanContainers(spec, "containers", scan);
        ScanContainers(spec, "initContainers", scan);
        var owner = Owner(metadata);
        return new KubePodCredentials
        {
            Namespace = KubeJsonReader.GetString(metadata, "namespace") ?? string.Empty,
            Name = KubeJsonReader.GetString(metadata, "name") ?? string.Empty,
            Uid = KubeJsonReader.GetString(metadata, "uid"),
            CreationTimestamp = KubeJsonReader.GetTime(metadata, "creationTimestamp"),
            ServiceAccountName = KubeJsonReader.GetString(spec, "serviceAccountName") ?? KubeJsonReader.GetString(spec, "serviceAccount") ?? "default",
            NodeName = KubeJsonReader.GetString(spec, "nodeName"),
            HostNetwork = spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("hostNetwork", out var host) && host.ValueKind == JsonValueKind.True,
            Phase = KubeJsonReader.GetString(KubeJsonReader.Child(item, "status"), "phase"),
            NodeSelectorOs = KubeJsonReader.GetString(KubeJsonReader.Child(spec, "nodeSelector"), "kubernetes.io/os"),
            OwnerKind = owner.Kind,
            OwnerName = owner.Name,
            AwsRoleArn = scan.RoleArn,
            HasAwsRoleArn = scan.HasRoleArn,
            HasWebIdentityTokenFile = scan.HasTokenFile,
            ContainerCredentialsFullUri = scan.FullUri,
            HasContainerAuthorizationTokenFile = scan.HasAuthorizationTokenFile,
            HasStaticKeys = scan.HasStaticKeys,
        };
    }

    public static KubeDaemonSet ReadDaemonSet(JsonElement item)
    {
        var metadata = KubeJsonReader.Child(item, "metadata");
        var status = KubeJsonReader.Child(item, "status");
        return new KubeDaemonSet
        {
            Namespace = KubeJsonReader.GetString(metadata, "namespace") ?? string.Empty,
            Name = KubeJsonReader.GetString(metadata, "name") ?? string.Empty,
            CreationTimestamp = KubeJsonReader.GetTime(metadata, "creationTimestamp"),
            Labels = Map(KubeJsonReader.Child(metadata, "labels")),
            Selector = Map(KubeJsonReader.Child(KubeJsonReader.Child(KubeJsonReader.Child(item, "spec"), "selector"), "matchLabels")),
            DesiredNumberScheduled = Int(status, "desiredNumberScheduled"),
            NumberReady = Int(status, "numberReady"),
        };
    }

    private static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : 0;

    private static IReadOnlyDictionary<string, string> Map(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return KubeServiceAccount.EmptyMap;
        }

        var map = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                map[property.Name] = property.Value.GetString()!;
            }
        }

        return map;
    }

    private static (string? Kind, string? Name) Owner(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("ownerReferences", out var owners) || owners.ValueKind != JsonValueKind.Array)
        {
            return (null, null);
        }

        (string? Kind, string? Name) first = (null, null);
        foreach (var owner in owners.EnumerateArray())
        {
            var candidate = (KubeJsonReader.GetString(owner, "kind"), KubeJsonReader.GetString(owner, "name"));
            if (owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty("controller", out var controller) && controller.ValueKind == JsonValueKind.True)
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

    private static void ScanContainers(JsonElement spec, string name, Scan scan)
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
                switch (KubeJsonReader.GetString(variable, "name"))
                {
                    case "AWS_ROLE_ARN":
                        scan.HasRoleArn = true;
                        scan.RoleArn ??= KubeJsonReader.GetString(variable, "value");
                        break;
                    case "AWS_WEB_IDENTITY_TOKEN_FILE":
                        scan.HasTokenFile = true;
                        break;
                    case "AWS_CONTAINER_CREDENTIALS_FULL_URI":
                        scan.FullUri ??= KubeJsonReader.GetString(variable, "value") ?? string.Empty;
                        break;
                    case "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE":
                        scan.HasAuthorizationTokenFile = true;
                        break;
                    case "AWS_ACCESS_KEY_ID":
                        scan.HasStaticKeys = true;
                        break;
                }
            }
        }
    }

    private sealed class Scan
    {
        public bool HasRoleArn;
        public bool HasTokenFile;
        public string? RoleArn;
        public string? FullUri;
        public bool HasAuthorizationTokenFile;
        public bool HasStaticKeys;
    }
}
