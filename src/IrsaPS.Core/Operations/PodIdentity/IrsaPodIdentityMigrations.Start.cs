using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.ServiceAccounts;

namespace IrsaPS.Core.Operations.PodIdentity;

// Start: trust, association, annotations; re-running converges (each part is only written when it is not yet in place).
public static partial class IrsaPodIdentityMigrations
{
    public static async Task<IrsaPodIdentityMigration> StartAsync(IrsaSession session, PodIdentityMigrationRequest request, CancellationToken cancellationToken)
    {
        var context = await ReadAsync(session, request, cancellationToken).ConfigureAwait(false);
        var record = context.Record;
        var association = context.Association;
        var stage = record is null ? "NotStarted" : record.Completed ? "Completed" : "Started";
        if ((association?.OwnerArn ?? WorkloadIdentityView.AddonManager(context.Account)) is { } addon)
        {
            var skipped = $"ServiceAccount {context.Target} belongs to {addon}: IrsaPS leaves add-ons' service accounts alone. Give the add-on its Pod Identity association through the add-on (aws eks update-addon --pod-identity-associations).";
            session.Host.WriteWarning(skipped);
            return Result(context, "Skipped", context.Account.Irsa.RoleArn ?? association?.RoleArn, association?.AssociationId, [], [], skipped);
        }

        var irsaRole = context.Account.Irsa.RoleArn;
        var roleArn = irsaRole ?? record?.RoleArn ?? association?.RoleArn ?? throw new IrsaException(
            ErrorIds.PodIdentityNothingToMigrate,
            IrsaErrorKind.InvalidArgument,
            $"ServiceAccount {context.Target} has no eks.amazonaws.com/role-arn annotation and no Pod Identity association: there is no IRSA role to move. Use New-IrsaPodIdentityAssociation to give it one.",
            context.Target);
        if (association is not null && !string.Equals(association.RoleArn, roleArn, StringComparison.Ordinal))
        {
            throw new IrsaException(
                ErrorIds.PodIdentityAssociationConflict,
                IrsaErrorKind.Conflict,
                $"ServiceAccount {context.Target} is annotated with role {roleArn}, but its Pod Identity association {association.AssociationId} names {association.RoleArn}. Decide which role it should have (Set-IrsaPodIdentityAssociation -RoleArn, or the annotation) and run Start again.",
                context.Target);
        }

        if (request.RoleArn is not null && !string.Equals(request.RoleArn, roleArn, StringComparison.Ordinal))
        {
            throw new IrsaException(
                ErrorIds.PodIdentityRoleMismatch,
                IrsaErrorKind.InvalidArgument,
                $"ServiceAccount {context.Target} uses role {roleArn}, not {request.RoleArn}. The migration keeps the service account's role; leave out -RoleArn, or change the role first.",
                context.Target);
        }

        PodIdentityTrustEditing.RequireClusterAccount(roleArn, context.Cluster);
        await RequirePodIdentityCanServeAsync(session, context, cancellationToken).ConfigureAwait(false);

        var scope = record?.TrustScope ?? request.TrustScope;
        var requireAccount = record?.RequireSourceAccount ?? request.RequireSourceAccount;
        if (record is not null && (scope != request.TrustScope || requireAccount != request.RequireSourceAccount))
        {
            session.Host.WriteVerbose($"The migration of {context.Target} started with -TrustScope {scope}{(requireAccount ? " -RequireSourceAccount" : string.Empty)}; keeping it.");
        }

        var (target, podRequest) = IrsaPodIdentityAssociations.TrustFor(
            context.Cluster, context.Account.Namespace, context.Account.Name, scope, requireAccount, association?.DisableSessionTags ?? false);
        var (_, _, _, trustStep) = await PodIdentityTrustEditing.PlanAddAsync(
            session, PodIdentityTrustEditing.RoleName(roleArn), target, podRequest, cancellationToken).ConfigureAwait(false);

        var next = record?.Clone() ?? new PodIdentityMigrationRecord
        {
            ClusterName = context.Cluster.ClusterName,
            RoleArn = roleArn,
            TrustScope = scope,
            RequireSourceAccount = requireAccount,
            StartedAt = DateTimeOffset.UtcNow,
        };
        next.RoleArn = roleArn;
        var current = IrsaAnnotations(context.Account);
        if (current.Count > 0)
        {
            next.Annotations = current; // What Undo must restore: the annotations as they are right before this removal.
        }

        next.TrustAdded |= trustStep is not null;
        next.AssociationCreated |= association is null;
        next.AssociationId = association?.AssociationId ?? next.AssociationId;

        var steps = new List<PlanStep>();
        if (trustStep is not null)
        {
            steps.Add(trustStep);
        }

        var created = association;
        if (association is null)
        {
            var create = new NewPodIdentityAssociationRequest { ClusterName = context.Cluster.ClusterName, Namespace = context.Account.Namespace, ServiceAccountName = context.Account.Name, RoleArn = roleArn };
            steps.Add(new PlanStep(
                new IrsaChange
                {
                    Action = "CreatePodIdentityAssociation",
                    Target = $"{context.Cluster.ClusterName}/{context.Target}",
                    Description = $"Associate service account {context.Target} of cluster '{context.Cluster.ClusterName}' with role {roleArn} (EKS Pod Identity)",
                    Detail = "Role: " + roleArn + Environment.NewLine + "Session tags: enabled",
                },
                async ct =>
                {
                    (created, var isNew) = await IrsaPodIdentityAssociations.CreateOrAdoptAsync(session.Aws, context.Cluster.ClusterName, create, ct).ConfigureAwait(false);
                    next.AssociationId = created.AssociationId;
                    next.AssociationCreated = record?.AssociationCreated == true || isNew;
                }));
        }

        var recordBefore = record?.ToJson();
        if (current.Count > 0 || !string.Equals(recordBefore, next.ToJson(), StringComparison.Ordinal))
        {
            steps.Add(AnnotationStep(
                context,
                $"Remove the IRSA annotations of ServiceAccount {context.Target} (they would shadow its Pod Identity association) and record the migration",
                () => StartAnnotations(next)));
        }

        if (steps.Count == 0)
        {
            session.Host.WriteVerbose($"ServiceAccount {context.Target} is already migrated to Pod Identity ({stage}); nothing to change.");
        }

        var applied = await AllOrNothingPlan.RunAsync(session.Host, steps, cancellationToken).ConfigureAwait(false);
        var restart = PodsNotOn(context, KubePodCredentialSource.PodIdentity);
        if (applied)
        {
            WarnRestart(session, restart, "Pod Identity credentials");
        }

        return Result(context, applied && stage == "NotStarted" ? "Started" : stage, roleArn, created?.AssociationId, restart, steps);
    }

    /// <summary>The eks.amazonaws.com/* annotations the service account has now.</summary>
    private static Dictionary<string, string> IrsaAnnotations(KubeServiceAccount account)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in IrsaAnnotationKeys.All)
        {
            if (account.Annotations.TryGetValue(key, out var value))
            {
                annotations[key] = value;
            }
        }

        return annotations;
    }

    private static Dictionary<string, string?> StartAnnotations(PodIdentityMigrationRecord record)
    {
        var desired = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in IrsaAnnotationKeys.All)
        {
            desired[key] = null;
        }

        desired[PodIdentityMigrationRecord.AnnotationKey] = record.ToJson();
        return desired;
    }
}
