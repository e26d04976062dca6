using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>
/// Builds a service account's <see cref="IrsaWorkloadIdentity"/> from what was read (pure, so the audit, the migration and
/// Get-IrsaWorkloadIdentity agree): new pods get IRSA when the role-arn annotation is there (the SDKs try web identity
/// before container credentials, so the annotation shadows an association), else Pod Identity when an association is,
/// else neither; each pod's credentials come from its environment; a pod needs a restart when it does not get what new
/// pods get (another source, or another AWS_ROLE_ARN).
/// </summary>
internal static class WorkloadIdentityView
{
    /// <summary>The labels by which EKS marks objects an add-on manages (EKS add-on service accounts).</summary>
    private static readonly string[] AddonLabels = ["eks.amazonaws.com/component"];

    public static IrsaWorkloadIdentity Create(
        string? clusterName,
        KubeServiceAccount account,
        PodIdentityAssociation? association,
        IReadOnlyList<KubePod> pods,
        PodIdentityClusterState? state,
        string? context)
    {
        if (account is null)
        {
            throw new ArgumentNullException(nameof(account));
        }

        var irsaRole = account.Irsa.RoleArn;
        var associationRole = association?.RoleArn is { Length: > 0 } r ? r : null;
        var source = irsaRole is not null ? IrsaCredentialSource.Irsa : associationRole is not null ? IrsaCredentialSource.PodIdentity : IrsaCredentialSource.None;
        var blockers = state?.Blockers(pods).Select(b => b.Message).ToList() ?? [];
        var reason = source switch
        {
            IrsaCredentialSource.Irsa when associationRole is not null =>
                $"The eks.amazonaws.com/role-arn annotation gives new pods IRSA ({irsaRole}); it shadows Pod Identity association {association!.AssociationId} ({associationRole}) because the SDKs try web identity before container credentials. Remove the annotation (Start-IrsaPodIdentityMigration) to use the association.",
            IrsaCredentialSource.Irsa => $"The eks.amazonaws.com/role-arn annotation gives new pods IRSA ({irsaRole}).",
            IrsaCredentialSource.PodIdentity when blockers.Count > 0 =>
                $"Pod Identity association {association!.AssociationId} gives new pods {associationRole}, but Pod Identity cannot serve them: {blockers[0]}",
            IrsaCredentialSource.PodIdentity => $"Pod Identity association {association!.AssociationId} gives new pods {associationRole} through the EKS Pod Identity Agent.",
            _ => "Neither an IRSA annotation nor a Pod Identity association: new pods get no IAM role of their own (the node's, if they can reach the instance metadata service).",
        };

        var workloadPods = pods
            .Where(p => !p.IsFinished)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Pod(p, source, irsaRole, state))
            .ToList();
        return new IrsaWorkloadIdentity
        {
            ClusterName = clusterName,
            Namespace = account.Namespace,
            ServiceAccountName = account.Name,
            RoleArn = irsaRole ?? associationRole,
            RoleName = IrsaPodIdentityAssociations.RoleNameOf(irsaRole ?? associationRole),
            IrsaRoleArn = irsaRole,
            AssociationId = association?.AssociationId,
            PodIdentityRoleArn = associationRole,
            AddonOwner = association?.OwnerArn ?? AddonManager(account),
            NewPods = source,
            NewPodsReason = reason,
            AnnotationShadowsAssociation = irsaRole is not null && associationRole is not null,
            Pods = workloadPods,
            PodsToRestart = workloadPods.Where(p => p.NeedsRestart).Select(p => p.Namespace + "/" + p.Name).ToList(),
            CanUsePodIdentity = state is not null && blockers.Count == 0,
            PodIdentityBlockers = blockers,
            MigrationStage = MigrationStage(account),
            Context = context,
        };
    }

    /// <summary>What manages the service account when an EKS add-on does (by EKS's labels), else null.</summary>
    public static string? AddonManager(KubeServiceAccount account)
    {
        if (account is null)
        {
            throw new ArgumentNullException(nameof(account));
        }

        foreach (var label in AddonLabels)
        {
            if (account.Labels.TryGetValue(label, out var value))
            {
                return $"EKS add-on ({label}={value})";
            }
        }

        return account.Labels.TryGetValue("app.kubernetes.io/managed-by", out var manager) && string.Equals(manager, "EKS", StringComparison.Ordinal)
            ? "EKS add-on (app.kubernetes.io/managed-by=EKS)"
            : null;
    }

    /// <summary>NotStarted, Started or Completed, from IrsaPS's migration record (Invalid when it cannot be read).</summary>
    public static string MigrationStage(KubeServiceAccount account)
    {
        try
        {
            var record = PodIdentityMigrationRecord.From(account);
            return record is null ? "NotStarted" : record.Completed ? "Completed" : "Started";
        }
        catch (Errors.IrsaException)
        {
            return "Invalid";
        }
    }

    public static IrsaCredentialSource SourceOf(KubePod pod) => pod.Source switch
    {
        KubePodCredentialSource.EnvironmentKeys => IrsaCredentialSource.EnvironmentKeys,
        KubePodCredentialSource.WebIdentity => IrsaCredentialSource.Irsa,
        KubePodCredentialSource.PodIdentity => IrsaCredentialSource.PodIdentity,
        _ => IrsaCredentialSource.None,
    };

    private static IrsaWorkloadPod Pod(KubePod pod, IrsaCredentialSource expected, string? irsaRole, PodIdentityClusterState? state)
    {
        var actual = SourceOf(pod);
        var stale = actual == IrsaCredentialSource.EnvironmentKeys
            ? false
            : actual != expected || (expected == IrsaCredentialSource.Irsa && !string.Equals(pod.AwsRoleArn?.Trim(), irsaRole, StringComparison.Ordinal) && pod.AwsRoleArn is not null);
        var node = state?.Node(pod.NodeName);
        return new IrsaWorkloadPod
        {
            Namespace = pod.Namespace,
            Name = pod.Name,
            NodeName = pod.NodeName,
            NodeKind = node is null ? null : PodIdentitySupport.NodeKind(node),
            Phase = pod.Phase,
            CreationTimestamp = pod.CreationTimestamp,
            Credentials = actual,
            RoleArn = pod.AwsRoleArn,
            HasBoth = pod.HasWebIdentity && pod.HasPodIdentity,
            NeedsRestart = stale,
            Owner = pod.OwnerKind is null ? null : pod.OwnerKind.ToLowerInvariant() + "/" + pod.OwnerName,
        };
    }
}
