using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy.PodIdentity;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>
/// New-, Set- and Remove-IrsaPodIdentityAssociation. Creating is idempotent: the same association again is success with no
/// write; another role for the service account is <c>PodIdentityAssociationConflict</c> unless the caller asks to replace;
/// a lost or concurrent create (409 ResourceInUseException) is adopted when it names the same role. Creating and changing
/// the role also make sure the role trusts pods.eks.amazonaws.com for the association (one statement added, nothing else
/// touched; confirmed as a broadening change) before the association is written. Associations an EKS add-on owns are
/// never changed (<c>PodIdentityAssociationOwnedByAddon</c>).
/// </summary>
public static partial class IrsaPodIdentityAssociations
{
    public static async Task<IrsaPodIdentityAssociation?> NewAsync(IrsaSession session, NewPodIdentityAssociationRequest request, CancellationToken cancellationToken)
    {
        request.Validate();
        var cluster = await RequireSupportedClusterAsync(session, request.ClusterName, cancellationToken).ConfigureAwait(false);
        PodIdentityTrustEditing.RequireClusterAccount(request.RoleArn, cluster);
        var existing = await IrsaPodIdentityAssociations.FindAsync(session.Aws, cluster.ClusterName, request.Namespace, request.ServiceAccountName, cancellationToken).ConfigureAwait(false);
        var target = $"{request.Namespace}/{request.ServiceAccountName}";
        if (existing is not null)
        {
            RefuseAddonOwned(existing);
            if (!string.Equals(existing.RoleArn, request.RoleArn, StringComparison.Ordinal) && !request.Replace)
            {
                throw new IrsaException(
                    ErrorIds.PodIdentityAssociationConflict,
                    IrsaErrorKind.Conflict,
                    $"Service account {target} of cluster '{cluster.ClusterName}' already has Pod Identity association {existing.AssociationId} with role {existing.RoleArn}, not {request.RoleArn}. Pass -Replace to re-point it (its pods get the new role when they restart), or use Set-IrsaPodIdentityAssociation.",
                    existing.AssociationId);
            }
        }

        var (trustTarget, podRequest) = TrustFor(cluster, request.Namespace, request.ServiceAccountName, request.TrustScope, request.RequireSourceAccount, request.DisableSessionTags);
        var (_, _, before, trustStep) = await PodIdentityTrustEditing.PlanAddAsync(
            session, PodIdentityTrustEditing.RoleName(request.RoleArn), trustTarget, podRequest, cancellationToken).ConfigureAwait(false);
        var steps = new List<PlanStep>();
        if (trustStep is not null)
        {
            steps.Add(trustStep);
        }

        var result = existing;
        var created = false;
        if (existing is null)
        {
            steps.Add(new PlanStep(
                new IrsaChange
                {
                    Action = "CreatePodIdentityAssociation",
                    Target = $"{cluster.ClusterName}/{target}",
                    Description = $"Associate service account {target} of cluster '{cluster.ClusterName}' with role {request.RoleArn} (EKS Pod Identity)",
                    Detail = Describe(request.RoleArn, request.TargetRoleArn, request.DisableSessionTags, request.Policy, request.Tags),
                },
                async ct =>
                {
                    (result, created) = await CreateOrAdoptAsync(session.Aws, cluster.ClusterName, request, ct).ConfigureAwait(false);
                }));
        }
        else if (!string.Equals(existing.RoleArn, request.RoleArn, StringComparison.Ordinal))
        {
            steps.Add(UpdateStep(session, cluster, existing, new UpdatePodIdentityAssociationRequest { RoleArn = request.RoleArn }, a => result = a));
        }
        else
        {
            WarnAboutIgnoredSettings(session, existing, request);
        }

        var completed = await AllOrNothingPlan.RunAsync(session.Host, steps, cancellationToken).ConfigureAwait(false);
        var changes = steps.Select(s => s.Change).ToList();
        if (result is null)
        {
            return null; // Declined (-WhatIf, or no to the trust change): there is no association to show.
        }

        var trusted = completed && (trustStep is null || trustStep.Change.Applied) ? PodIdentityTrustResultAfter(before, trustStep) : before;
        return IrsaPodIdentityAssociations.View(result, created, changes: changes, trust: trusted);
    }

    public static async Task<IrsaPodIdentityAssociation?> SetAsync(IrsaSession session, SetPodIdentityAssociationRequest request, CancellationToken cancellationToken)
    {
        request.Validate();
        var cluster = await RequireSupportedClusterAsync(session, request.ClusterName, cancellationToken).ConfigureAwait(false);
        var current = await RequireAsync(session, cluster.ClusterName, request.AssociationId, request.Namespace, request.ServiceAccountName, cancellationToken).ConfigureAwait(false);
        RefuseAddonOwned(current);
        var roleArn = request.RoleArn ?? current.RoleArn;
        PodIdentityTrustEditing.RequireClusterAccount(roleArn, cluster);
        var update = new UpdatePodIdentityAssociationRequest
        {
            RoleArn = Differs(request.RoleArn, current.RoleArn) ? request.RoleArn : null,
            TargetRoleArn = Differs(request.TargetRoleArn, current.TargetRoleArn ?? string.Empty) ? request.TargetRoleArn : null,
            DisableSessionTags = request.DisableSessionTags is { } d && d != (current.DisableSessionTags ?? false) ? d : null,
            Policy = Differs(request.Policy, current.Policy ?? string.Empty) ? request.Policy : null,
        };
        var disable = update.DisableSessionTags ?? current.DisableSessionTags ?? false;
        var (trustTarget, podRequest) = TrustFor(cluster, current.Namespace, current.ServiceAccount, request.TrustScope, request.RequireSourceAccount, disable);
        var (_, _, before, trustStep) = await PodIdentityTrustEditing.PlanAddAsync(
            session, PodIdentityTrustEditing.RoleName(roleArn), trustTarget, podRequest, cancellationToken).ConfigureAwait(false);
        var steps = new List<PlanStep>();
        if (trustStep is not null)
        {
            steps.Add(trustStep);
        }

        var result = current;
        if (update.RoleArn is not null || update.TargetRoleArn is not null || update.DisableSessionTags is not null || update.Policy is not null)
        {
            steps.Add(UpdateStep(session, cluster, current, update, a => result = a));
        }
        else
        {
            session.Host.WriteVerbose($"Pod Identity association {current.AssociationId} already is as asked.");
        }

        var completed = await AllOrNothingPlan.RunAsync(session.Host, steps, cancellationToken).ConfigureAwait(false);
        var trusted = completed && (trustStep is null || trustStep.Change.Applied) ? PodIdentityTrustResultAfter(before, trustStep) : before;
        return IrsaPodIdentityAssociations.View(result, changes: steps.Select(s => s.Change).ToList(), trust: trusted);
    }

    /// <summary>Deletes the association (the role and its trust stay: other associations may use them). Returns it with Deleted set, or unchanged when declined.</summary>
    public static async Task<IrsaPodIdentityAssociation> RemoveAsync(
        IrsaSession session, string clusterName, string? associationId, string? @namespace, string? serviceAccountName, CancellationToken cancellationToken)
    {
        Validation.EksNames.ValidateClusterName(clusterName);
        PodIdentityAssociationRequestChecks.ValidateSelector(associationId, @namespace, serviceAccountName);
        var current = await RequireAsync(session, clusterName, associationId, @namespace, serviceAccountName, cancellationToken).ConfigureAwait(false);
        RefuseAddonOwned(current);
        var change = new IrsaChange
        {
            Action = "DeletePodIdentityAssociation",
            Target = current.AssociationArn.Length > 0 ? current.AssociationArn : current.AssociationId,
            Description = $"Delete Pod Identity association {current.AssociationId} ({current.Namespace}/{current.ServiceAccount} → {current.RoleArn})",
            Detail = "Pods that use the service account keep their credentials until they restart; new pods get no Pod Identity credentials. The role and its trust are not changed.",
            HighImpact = true,
        };
        if (!session.Host.ShouldProcess(change.Target, change.Description, change.Detail, change.HighImpact))
        {
            return IrsaPodIdentityAssociations.View(current, changes: [change]);
        }

        PodIdentityAssociation deleted;
        try
        {
            deleted = (await session.Aws.Eks.DeletePodIdentityAssociationAsync(
                new DeletePodIdentityAssociationRequest { ClusterName = clusterName, AssociationId = current.AssociationId }, cancellationToken).ConfigureAwait(false)).Association;
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
        {
            deleted = current; // Someone deleted it meanwhile: the end state is what was asked.
        }

        change.Applied = true;
        return IrsaPodIdentityAssociations.View(deleted, deleted: true, changes: [change]);
    }

    /// <summary>The cluster, resolved once per session; <c>PodIdentityClusterNotSupported</c> when Pod Identity cannot run there.</summary>
    internal static async Task<IrsaCluster> RequireSupportedClusterAsync(IrsaSession session, string clusterName, CancellationToken cancellationToken)
    {
        var cluster = await session.GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
        if (PodIdentitySupport.ClusterBlocker(cluster) is { } blocker)
        {
            throw new IrsaException(ErrorIds.PodIdentityClusterNotSupported, IrsaErrorKind.NotSupported, blocker, cluster.ClusterName);
        }

        return cluster;
    }

    /// <summary>The trust statement target and the request it must admit, for one service account of <paramref name="cluster"/>.</summary>
    internal static (PodIdentityTrustTarget Target, PodIdentityRequest Request) TrustFor(
        IrsaCluster cluster, string @namespace, string serviceAccount, PodIdentityTrustScope scope, bool requireSourceAccount, bool disableSessionTags) =>
        (new PodIdentityTrustTarget(cluster.Partition, cluster.AccountId, cluster.Arn, @namespace, serviceAccount, scope, requireSourceAccount),
         new PodIdentityRequest(cluster.AccountId, cluster.Arn, @namespace, serviceAccount, !disableSessionTags));

    internal static void RefuseAddonOwned(PodIdentityAssociation association)
    {
        if (association.OwnerArn is not null)
        {
            throw new IrsaException(
                ErrorIds.PodIdentityAssociationOwnedByAddon,
                IrsaErrorKind.InvalidArgument,
                $"Pod Identity association {association.AssociationId} ({association.Namespace}/{association.ServiceAccount}) is owned by the EKS add-on {association.OwnerArn}; IrsaPS shows it but never changes it. Change the add-on's pod identity configuration instead (aws eks update-addon --pod-identity-associations).",
                association.AssociationId);
        }
    }

    /// <summary>Creates the association; a 409 (a lost answer, or a concurrent creator) is adopted when it names the same role.</summary>
    internal static async Task<(PodIdentityAssociation Association, bool Created)> CreateOrAdoptAsync(
        AwsConnection aws, string clusterName, NewPodIdentityAssociationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var created = await aws.Eks.CreatePodIdentityAssociationAsync(
                new CreatePodIdentityAssociationRequest
                {
                    ClusterName = clusterName,
                    Namespace = request.Namespace,
                    ServiceAccount = request.ServiceAccountName,
                    RoleArn = request.RoleArn,
                    ClientRequestToken = Guid.NewGuid().ToString(),
                    Tags = request.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
                    DisableSessionTags = request.DisableSessionTags ? true : null,
                    TargetRoleArn = request.TargetRoleArn,
                    Policy = request.Policy,
                },
                cancellationToken).ConfigureAwait(false);
            return (created.Association, true);
        }
        catch (AwsServiceException ex) when (ex.AwsErrorCode == "ResourceInUseException")
        {
            var found = await IrsaPodIdentityAssociations.FindAsync(aws, clusterName, request.Namespace, request.ServiceAccountName, cancellationToken).ConfigureAwait(false);
            if (found is not null && string.Equals(found.RoleArn, request.RoleArn, StringComparison.Ordinal))
            {
                return (found, false);
            }

            throw new IrsaException(
                ErrorIds.PodIdentityAssociationConflict,
                IrsaErrorKind.Conflict,
                $"Service account {request.Namespace}/{request.ServiceAccountName} of cluster '{clusterName}' got another Pod Identity association while IrsaPS was creating one{(found is null ? string.Empty : $" ({found.AssociationId}, role {found.RoleArn})")}: {ex.Message}",
                request.Namespace + "/" + request.ServiceAccountName,
                ex);
        }
    }

    private static PlanStep UpdateStep(IrsaSession session, IrsaCluster cluster, PodIdentityAssociation current, UpdatePodIdentityAssociationRequest update, Action<PodIdentityAssociation> done)
    {
        update.ClusterName = cluster.ClusterName;
        update.AssociationId = current.AssociationId;
        var what = new List<string>();
        if (update.RoleArn is not null)
        {
            what.Add($"role {current.RoleArn} → {update.RoleArn}");
        }

        if (update.TargetRoleArn is not null)
        {
            what.Add($"target role {current.TargetRoleArn ?? "(none)"} → {(update.TargetRoleArn.Length == 0 ? "(none)" : update.TargetRoleArn)}");
        }

        if (update.DisableSessionTags is { } disable)
        {
            what.Add(disable ? "disable session tags" : "enable session tags");
        }

        if (update.Policy is not null)
        {
            what.Add(update.Policy.Length == 0 ? "remove the session policy" : "set the session policy");
        }

        return new PlanStep(
            new IrsaChange
            {
                Action = "UpdatePodIdentityAssociation",
                Target = current.AssociationArn.Length > 0 ? current.AssociationArn : current.AssociationId,
                Description = $"Update Pod Identity association {current.AssociationId} ({current.Namespace}/{current.ServiceAccount}): {string.Join(", ", what)}",
                Detail = "Pods that use the service account get the change when they restart.",
                HighImpact = update.RoleArn is not null || update.TargetRoleArn is not null,
            },
            async ct =>
            {
                var answer = await session.Aws.Eks.UpdatePodIdentityAssociationAsync(update, ct).ConfigureAwait(false);
                done(answer.Association);
            });
    }

    /// <summary>The association named by id, or by namespace and service account; <c>PodIdentityAssociationNotFound</c> otherwise.</summary>
    internal static async Task<PodIdentityAssociation> RequireAsync(
        IrsaSession session, string clusterName, string? associationId, string? @namespace, string? serviceAccountName, CancellationToken cancellationToken)
    {
        if (associationId is not null)
        {
            return await IrsaPodIdentityAssociations.DescribeAsync(session.Aws, clusterName, associationId, cancellationToken).ConfigureAwait(false);
        }

        return await IrsaPodIdentityAssociations.FindAsync(session.Aws, clusterName, @namespace!, serviceAccountName!, cancellationToken).ConfigureAwait(false)
            ?? throw new IrsaException(
                ErrorIds.PodIdentityAssociationNotFound,
                IrsaErrorKind.NotFound,
                $"Service account {@namespace}/{serviceAccountName} of cluster '{clusterName}' has no Pod Identity association.",
                @namespace + "/" + serviceAccountName);
    }

    private static void WarnAboutIgnoredSettings(IrsaSession session, PodIdentityAssociation existing, NewPodIdentityAssociationRequest request)
    {
        var differ = new List<string>();
        if (request.DisableSessionTags != (existing.DisableSessionTags ?? false))
        {
            differ.Add("-DisableSessionTag");
        }

        if (request.TargetRoleArn is not null && !string.Equals(request.TargetRoleArn, existing.TargetRoleArn, StringComparison.Ordinal))
        {
            differ.Add("-TargetRoleArn");
        }

        if (request.Policy is not null && !string.Equals(request.Policy, existing.Policy, StringComparison.Ordinal))
        {
            differ.Add("-Policy");
        }

        session.Host.WriteVerbose($"Pod Identity association {existing.AssociationId} already links {existing.Namespace}/{existing.ServiceAccount} to {existing.RoleArn}; nothing to create.");
        if (differ.Count > 0)
        {
            session.Host.WriteWarning(
                $"Pod Identity association {existing.AssociationId} exists with other settings than {string.Join(", ", differ)} ask for; New-IrsaPodIdentityAssociation does not change them. Use Set-IrsaPodIdentityAssociation.");
        }
    }

    private static bool Differs(string? wanted, string current) => wanted is not null && !string.Equals(wanted, current, StringComparison.Ordinal);

    private static string Describe(string roleArn, string? targetRoleArn, bool disableSessionTags, string? policy, IReadOnlyDictionary<string, string> tags)
    {
        var lines = new List<string> { "Role: " + roleArn };
        if (targetRoleArn is not null)
        {
            lines.Add("Target role: " + targetRoleArn);
        }

        lines.Add("Session tags: " + (disableSessionTags ? "disabled" : "enabled"));
        if (policy is not null)
        {
            lines.Add("Session policy: " + policy);
        }

        if (tags.Count > 0)
        {
            lines.Add("Tags: " + string.Join(", ", tags.Select(t => t.Key + "=" + t.Value)));
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>After the trust step ran (or was not needed), the trust admits the association.</summary>
    private static PodIdentityTrustResult PodIdentityTrustResultAfter(PodIdentityTrustResult before, PlanStep? trustStep) =>
        trustStep is null ? before : PodIdentityTrustResult.AllowedAfterEdit(trustStep.Change.Description);
}
