using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// Objects to load into the stand-in in bulk: explicit nodes, namespaces, ServiceAccounts and pods, and/or a generated
/// population for scale tests. Also readable from a JSON seed file (camelCase, same shape) for the sandbox.
/// Pods go through the simulated webhook when created, so seed order matters: a pod listed before its
/// ServiceAccount's annotation (see <see cref="KubeSeedGenerator"/>) stays without the IRSA environment.
/// </summary>
public sealed class KubeSeed
{
    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public List<KubeSeedNode> Nodes { get; init; } = [];

    public List<string> Namespaces { get; init; } = [];

    public List<KubeSeedServiceAccount> ServiceAccounts { get; init; } = [];

    public List<KubeSeedPod> Pods { get; init; } = [];

    /// <summary>DaemonSets (e.g. <see cref="KubeSeedDaemonSet.PodIdentityAgent"/>), created after the nodes: one pod per eligible node.</summary>
    public List<KubeSeedDaemonSet> DaemonSets { get; init; } = [];

    /// <summary>
    /// EKS Pod Identity associations of the cluster (AWS side, not Kubernetes): the sandbox's emulator process loads them
    /// into its AWS emulator layer before the pods are created, so the webhook sees them. Add-on-owned ones carry an owner ARN.
    /// </summary>
    public List<KubeSeedPodIdentityAssociation> PodIdentityAssociations { get; init; } = [];

    public KubeSeedGenerator? Generate { get; init; }

    public static KubeSeed Load(string path) =>
        JsonSerializer.Deserialize<KubeSeed>(File.ReadAllText(path), FileOptions) ?? throw new InvalidDataException($"The seed file '{path}' is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, WriteOptions);

    /// <summary>Creates everything in <paramref name="store"/>: nodes, namespaces, DaemonSets, then ServiceAccounts, then pods, then the generated population.</summary>
    public void ApplyTo(KubeStore store)
    {
        foreach (var node in Nodes)
        {
            if (store.FindNode(node.Name) is null)
            {
                store.CreateNode(node.Name, node.ProviderId, node.Labels);
            }
        }

        foreach (var ns in Namespaces)
        {
            store.EnsureNamespace(ns);
        }

        foreach (var daemonSet in DaemonSets)
        {
            store.EnsureNamespace(daemonSet.Namespace);
            if (store.FindDaemonSet(daemonSet.Namespace, daemonSet.Name) is null)
            {
                store.CreateDaemonSet(daemonSet.Namespace, daemonSet.Name, daemonSet.PodLabels, daemonSet.NodeSelector, daemonSet.ServiceAccountName);
            }
        }

        foreach (var account in ServiceAccounts)
        {
            store.EnsureNamespace(account.Namespace);
            if (store.FindServiceAccount(account.Namespace, account.Name) is null)
            {
                store.CreateServiceAccount(account.Namespace, account.Name, account.Annotations);
            }
            else if (account.Annotations is { Count: > 0 })
            {
                store.UpdateServiceAccount(account.Namespace, account.Name, null, sa => (sa.Meta.Labels, account.Annotations, sa.AutomountServiceAccountToken));
            }
        }

        foreach (var pod in Pods)
        {
            store.EnsureNamespace(pod.Namespace);
            store.CreatePod(pod.ToObject());
        }

        Generate?.ApplyTo(store);
    }
}

/// <summary>A node and its provider id, e.g. <c>aws:///us-east-1a/i-0123456789abcdef0</c>.</summary>
public sealed record KubeSeedNode(string Name, string? ProviderId = null, Dictionary<string, string>? Labels = null);

/// <summary>A DaemonSet: its pods' labels (also its selector) and node selector.</summary>
public sealed record KubeSeedDaemonSet(
    string Namespace,
    string Name,
    Dictionary<string, string>? PodLabels = null,
    Dictionary<string, string>? NodeSelector = null,
    string ServiceAccountName = "default")
{
    /// <summary>
    /// The EKS Pod Identity Agent as the eks-pod-identity-agent add-on installs it: DaemonSet <c>eks-pod-identity-agent</c>
    /// in kube-system, on Linux nodes (none on Fargate).
    /// </summary>
    public static KubeSeedDaemonSet PodIdentityAgent() => new(
        "kube-system",
        "eks-pod-identity-agent",
        new Dictionary<string, string> { ["app.kubernetes.io/name"] = "eks-pod-identity-agent", ["app.kubernetes.io/instance"] = "eks-pod-identity-agent" },
        new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" },
        "eks-pod-identity-agent");
}

/// <summary>An EKS Pod Identity association to load into the AWS emulator layer; <paramref name="OwnerArn"/> marks an add-on's.</summary>
public sealed record KubeSeedPodIdentityAssociation(string Namespace, string ServiceAccount, string RoleArn, string? OwnerArn = null);

public sealed record KubeSeedServiceAccount(string Namespace, string Name, Dictionary<string, string>? Annotations = null);

public sealed record KubeSeedPod(
    string Namespace,
    string Name,
    string ServiceAccountName = "default",
    string? NodeName = "node-1",
    bool HostNetwork = false,
    string Phase = "Running",
    string? OwnerKind = null,
    string? OwnerName = null,
    int? AgeSeconds = null,
    string Image = "public.ecr.aws/docker/library/busybox:stable")
{
    public KubePodObject ToObject()
    {
        var created = AgeSeconds is { } age ? DateTimeOffset.UtcNow.AddSeconds(-age) : default;
        var owners = OwnerKind is null
            ? (IReadOnlyList<KubeOwnerReference>)[]
            : [new KubeOwnerReference(OwnerKind is "ReplicaSet" or "StatefulSet" or "DaemonSet" ? "apps/v1" : OwnerKind == "Job" ? "batch/v1" : "v1", OwnerKind, OwnerName ?? Name, Guid.NewGuid().ToString(), true)];
        return new KubePodObject(
            new KubeMeta(Name, Namespace, string.Empty, 0, created, KubeMeta.Empty, KubeMeta.Empty),
            ServiceAccountName,
            NodeName,
            HostNetwork,
            Phase,
            [new KubeContainer("main", Image, [], [])],
            [],
            [],
            owners);
    }
}

/// <summary>
/// A generated population: <see cref="Namespaces"/> namespaces <c>ns-0000</c>..., each with
/// <see cref="ServiceAccountsPerNamespace"/> ServiceAccounts <c>sa-0000</c>..., and <see cref="Pods"/> pods spread
/// evenly over those ServiceAccounts (owned by a ReplicaSet each). Every <see cref="AnnotateEvery"/>-th ServiceAccount
/// gets a role annotation after its first pod was created, so that pod has no IRSA environment (it needs a restart)
/// and its later pods have it.
/// </summary>
public sealed record KubeSeedGenerator(int Namespaces, int ServiceAccountsPerNamespace, int Pods, int AnnotateEvery = 2, string AccountId = "123456789012")
{
    public void ApplyTo(KubeStore store)
    {
        var total = Namespaces * ServiceAccountsPerNamespace;
        var index = 0;
        for (var n = 0; n < Namespaces; n++)
        {
            var ns = "ns-" + n.ToString("D4", CultureInfo.InvariantCulture);
            store.EnsureNamespace(ns);
            for (var s = 0; s < ServiceAccountsPerNamespace; s++, index++)
            {
                var name = "sa-" + s.ToString("D4", CultureInfo.InvariantCulture);
                store.CreateServiceAccount(ns, name);
                var annotate = AnnotateEvery > 0 && s % AnnotateEvery == 0;
                var pods = total == 0 ? 0 : (Pods / total) + (index < Pods % total ? 1 : 0);
                var replicaSet = name + "-7d9f8b6c5d";
                for (var p = 0; p < pods; p++)
                {
                    if (annotate && p == 1)
                    {
                        Annotate(store, ns, name);
                    }

                    store.CreatePod(new KubeSeedPod(ns, $"{replicaSet}-{p:D3}", name, "node-" + (p % 8).ToString(CultureInfo.InvariantCulture), OwnerKind: "ReplicaSet", OwnerName: replicaSet).ToObject());
                }

                if (annotate && pods <= 1)
                {
                    Annotate(store, ns, name);
                }
            }
        }
    }

    private void Annotate(KubeStore store, string ns, string name) =>
        store.UpdateServiceAccount(ns, name, null, sa => (sa.Meta.Labels, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["eks.amazonaws.com/role-arn"] = $"arn:aws:iam::{AccountId}:role/{ns}-{name}",
        }, sa.AutomountServiceAccountToken));
}
