using System.Collections.Generic;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Kubernetes;

namespace IrsaPS.Core.Audit;

// What the EKS Pod Identity checks (IRSA017-IRSA022) read.
internal sealed partial class AuditSnapshot
{
    /// <summary>The cluster's Pod Identity associations, described (with their roles).</summary>
    public IReadOnlyList<PodIdentityAssociation> PodIdentityAssociations { get; init; } = [];

    /// <summary>The credential environment of the pods of service accounts that are annotated or have an association.</summary>
    public IReadOnlyList<KubePod> PodIdentityPods { get; init; } = [];

    /// <summary>The DaemonSet kube-system/eks-pod-identity-agent, or null when the cluster has none.</summary>
    public KubeDaemonSet? PodIdentityAgent { get; init; }

    /// <summary>The nodes a running agent pod runs on.</summary>
    public IReadOnlyList<string> PodIdentityAgentNodes { get; init; } = [];

    /// <summary>Every node of the cluster (read for the Pod Identity checks).</summary>
    public IReadOnlyList<KubeNode> PodIdentityNodes { get; init; } = [];

    /// <summary>Why the associations could not be read (e.g. eks:ListPodIdentityAssociations was denied); the checks then report nothing.</summary>
    public string? PodIdentityUnavailable { get; init; }
}
