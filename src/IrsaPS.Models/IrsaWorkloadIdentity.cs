using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>
/// One service account's AWS identity from both sides: its IRSA role (the annotation), its EKS Pod Identity association
/// and role, what new pods will get and why, what each running pod actually has, which pods must restart, and why Pod
/// Identity cannot serve it when it cannot. <see cref="ClusterName"/>, <see cref="Namespace"/>,
/// <see cref="ServiceAccountName"/> and <see cref="RoleArn"/> are pipeline keys.
/// </summary>
public sealed class IrsaWorkloadIdentity
{
    public string? ClusterName { get; init; }

    public string Namespace { get; init; } = string.Empty;

    public string ServiceAccountName { get; init; } = string.Empty;

    /// <summary>The role new pods will get (IRSA's when annotated, else the association's); null when neither.</summary>
    public string? RoleArn { get; init; }

    public string? RoleName { get; init; }

    /// <summary><c>eks.amazonaws.com/role-arn</c>.</summary>
    public string? IrsaRoleArn { get; init; }

    public string? AssociationId { get; init; }

    /// <summary>The association's role.</summary>
    public string? PodIdentityRoleArn { get; init; }

    /// <summary>The EKS add-on that owns the association, or that manages the service account.</summary>
    public string? AddonOwner { get; init; }

    /// <summary>What new pods of the service account will get.</summary>
    public IrsaCredentialSource NewPods { get; init; }

    /// <summary>Why (one sentence).</summary>
    public string NewPodsReason { get; init; } = string.Empty;

    /// <summary>Both an IRSA annotation and an association: the annotation wins (the SDKs try web identity first).</summary>
    public bool AnnotationShadowsAssociation { get; init; }

    /// <summary>The service account's pods that are not finished, with their credentials.</summary>
    public IReadOnlyList<IrsaWorkloadPod> Pods { get; init; } = [];

    /// <summary>Pods that do not get what new pods would get (<c>namespace/name</c>): restart them.</summary>
    public IReadOnlyList<string> PodsToRestart { get; init; } = [];

    /// <summary>True when nothing stops Pod Identity from serving this service account's pods.</summary>
    public bool CanUsePodIdentity { get; init; }

    /// <summary>Why Pod Identity cannot serve it (Fargate, Windows or Outposts nodes, agent missing, cluster too old).</summary>
    public IReadOnlyList<string> PodIdentityBlockers { get; init; } = [];

    /// <summary>NotStarted, Started or Completed: IrsaPS's migration of this service account from IRSA to Pod Identity.</summary>
    public string MigrationStage { get; init; } = "NotStarted";

    /// <summary>The Kubernetes context or server the service account was read from.</summary>
    public string? Context { get; init; }

    public override string ToString() => Namespace + "/" + ServiceAccountName;
}
