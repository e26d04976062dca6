using System.Collections.Generic;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// A DaemonSet (apps/v1) as the stand-in keeps it: its pod selector, the labels and node selector of its pod template,
/// the template's ServiceAccount and image. The store runs one pod per eligible node for it (see
/// <see cref="KubeStore.CreateDaemonSet"/>); its status counts are computed when it is read.
/// </summary>
public sealed record KubeDaemonSetObject(
    KubeMeta Meta,
    IReadOnlyDictionary<string, string> Selector,
    IReadOnlyDictionary<string, string> PodLabels,
    IReadOnlyDictionary<string, string> NodeSelector,
    string ServiceAccountName,
    string Image);

/// <summary>A DaemonSet with the status counts the controller would report: nodes that should run it, pods that do, ready ones.</summary>
public sealed record KubeDaemonSetView(KubeDaemonSetObject DaemonSet, int DesiredNumberScheduled, int CurrentNumberScheduled, int NumberReady);
