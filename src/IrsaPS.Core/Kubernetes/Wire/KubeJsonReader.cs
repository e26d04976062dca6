using System;
using System.Collections.Generic;
using System.Text.Json;
using static IrsaPS.Core.Json.JsonElementReader;

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
            AutomountServiceAccountToken = Child(item, "automountServiceAccountToken") is { ValueKind: JsonValueKind.True or JsonValueKind.False } automount ? automount.GetBoolean() : null,
        };
    }

    public static KubePod ReadPod(JsonElement item)
    {
        var metadata = Child(item, "metadata");
        var spec = Child(item, "spec");
        var env = new EnvScan();
        env.Scan(Child(spec, "containers"));
        env.Scan(Child(spec, "initContainers"));
        var (ownerKind, ownerName) = ReadOwner(Child(metadata, "ownerReferences"));
        return new KubePod
        {
            Namespace = GetString(metadata, "namespace") ?? string.Empty,
            Name = GetString(metadata, "name") ?? string.Empty,
            Uid = GetString(metadata, "uid"),
            CreationTimestamp = GetTime(metadata, "creationTimestamp"),
            ServiceAccountName = GetString(spec, "serviceAccountName") ?? GetString(spec, "serviceAccount") ?? "default",
            NodeName = GetString(spec, "nodeName"),
            HostNetwork = Child(spec, "hostNetwork").ValueKind == JsonValueKind.True,
            Phase = GetString(Child(item, "status"), "phase"),
            NodeSelectorOs = GetString(Child(spec, "nodeSelector"), "kubernetes.io/os"),
            OwnerKind = ownerKind,
            OwnerName = ownerName,
            AwsRoleArn = env.RoleArn,
            HasAwsRoleArnEnv = env.HasRoleArn,
            HasWebIdentityTokenFileEnv = env.HasTokenFile,
            ContainerCredentialsFullUri = env.FullUri,
            HasContainerAuthorizationTokenFile = env.HasAuthorizationTokenFile,
            HasStaticKeys = env.HasStaticKeys,
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

    public static KubeDaemonSet ReadDaemonSet(JsonElement item)
    {
        var metadata = Child(item, "metadata");
        var status = Child(item, "status");
        return new KubeDaemonSet
        {
            Namespace = GetString(metadata, "namespace") ?? string.Empty,
            Name = GetString(metadata, "name") ?? string.Empty,
            CreationTimestamp = GetTime(metadata, "creationTimestamp"),
            Labels = GetMap(metadata, "labels"),
            Selector = GetMap(Child(Child(item, "spec"), "selector"), "matchLabels"),
            DesiredNumberScheduled = GetInt(status, "desiredNumberScheduled"),
            NumberReady = GetInt(status, "numberReady"),
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
        if (Child(root, "items") is { ValueKind: JsonValueKind.Array } array)
        {
            items.Capacity = array.GetArrayLength();
            foreach (var item in array.EnumerateArray())
            {
                items.Add(project(item));
            }
        }

        var metadata = Child(root, "metadata");
        var continueToken = GetString(metadata, "continue");
        return new KubeListPage<T>(
            items,
            string.IsNullOrEmpty(continueToken) ? null : continueToken,
            GetString(metadata, "resourceVersion"),
            Child(metadata, "remainingItemCount") is { ValueKind: JsonValueKind.Number } count ? count.GetInt64() : null);
    }

    // The controller among metadata.ownerReferences, else the first owner.
    private static (string? Kind, string? Name) ReadOwner(JsonElement owners)
    {
        (string? Kind, string? Name) first = (null, null);
        if (owners.ValueKind != JsonValueKind.Array)
        {
            return first;
        }

        foreach (var owner in owners.EnumerateArray())
        {
            var candidate = (GetString(owner, "kind"), GetString(owner, "name"));
            if (Child(owner, "controller").ValueKind == JsonValueKind.True)
            {
                return candidate;
            }

            first = first.Kind is null ? candidate : first;
        }

        return first;
    }

    private sealed class EnvScan
    {
        public bool HasRoleArn { get; private set; }

        public bool HasTokenFile { get; private set; }

        public string? RoleArn { get; private set; }

        public string? FullUri { get; private set; }

        public bool HasAuthorizationTokenFile { get; private set; }

        public bool HasStaticKeys { get; private set; }

        public void Scan(JsonElement containers)
        {
            if (containers.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var container in containers.EnumerateArray())
            {
                if (Child(container, "env") is not { ValueKind: JsonValueKind.Array } env)
                {
                    continue;
                }

                foreach (var variable in env.EnumerateArray())
                {
                    switch (GetString(variable, "name"))
                    {
                        case "AWS_ROLE_ARN":
                            HasRoleArn = true;
                            RoleArn ??= GetString(variable, "value");
                            break;
                        case "AWS_WEB_IDENTITY_TOKEN_FILE":
                            HasTokenFile = true;
                            break;
                        case "AWS_CONTAINER_CREDENTIALS_FULL_URI":
                            FullUri ??= GetString(variable, "value") ?? string.Empty;
                            break;
                        case "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE":
                            HasAuthorizationTokenFile = true;
                            break;
                        case "AWS_ACCESS_KEY_ID":
                            HasStaticKeys = true;
                            break;
                    }
                }
            }
        }
    }
}
