using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.ServiceAccounts;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>
/// The migration of one service account from IRSA to EKS Pod Identity, in three stages that can each be re-run and
/// undone, each showing its whole plan under -WhatIf and applying it only when every step is confirmed
/// (<see cref="AllOrNothingPlan"/>):
/// <list type="bullet">
/// <item>Start (<c>IrsaPodIdentityMigrations.Start.cs</c>): add the Pod Identity trust (the OIDC statements stay), create the
/// association, remove IRSA's annotations (which would shadow it) and record what was done in the annotation
/// <see cref="PodIdentityMigrationRecord.AnnotationKey"/>; the pods to restart are listed.</item>
/// <item>Complete (<c>IrsaPodIdentityMigrations.Complete.cs</c>): only when no running pod of the service account still uses
/// web identity: drop its OIDC subject from the trust, leaving other subjects and statements alone.</item>
/// <item>Undo (<c>IrsaPodIdentityMigrations.Undo.cs</c>): give the OIDC subject back if Complete removed it, restore the
/// annotations, delete the association and remove the Pod Identity statement, the last two only if IrsaPS added them.</item>
/// </list>
/// Service accounts an EKS add-on manages are skipped; those whose pods cannot use Pod Identity (Fargate, Windows, no
/// agent on their nodes, cluster too old) are refused before anything is written; a cluster without the agent stops the
/// whole run (<c>PodIdentityAgentMissing</c>).
/// </summary>
public static partial class IrsaPodIdentityMigrations
{
    /// <summary>Everything a stage reads about one service account before it plans.</summary>
    private sealed class Context
    {
        public required IrsaCluster Cluster { get; init; }

        public required KubernetesClient Kube { get; init; }

        public required KubeServiceAccount Account { get; init; }

        public required PodIdentityMigrationRecord? Record { get; init; }

        public required PodIdentityAssociation? Association { get; init; }

        public required IReadOnlyList<KubePod> Pods { get; init; }

        public string Target => Account.Key;
    }

    private static async Task<Context> ReadAsync(IrsaSession session, PodIdentityMigrationRequest request, CancellationToken cancellationToken)
    {
        request.Validate();
        var cluster = await IrsaPodIdentityAssociations.RequireSupportedClusterAsync(session, request.ClusterName, cancellationToken).ConfigureAwait(false);
        var kube = await session.GetKubernetesAsync(request.ClusterName, cancellationToken).ConfigureAwait(false);
        var accountTask = kube.FindServiceAccountAsync(request.Namespace, request.ServiceAccountName, cancellationToken);
        var associationTask = IrsaPodIdentityAssociations.FindAsync(session.Aws, cluster.ClusterName, request.Namespace, request.ServiceAccountName, cancellationToken);
        var podsTask = IrsaWorkloadIdentities.PodsOfAsync(kube, request.Namespace, request.ServiceAccountName, cancellationToken);
        await Task.WhenAll(accountTask, associationTask, podsTask).ConfigureAwait(false);
        var account = await accountTask.ConfigureAwait(false) ?? throw new IrsaException(
            ErrorIds.ServiceAccountNotFound,
            IrsaErrorKind.NotFound,
            $"ServiceAccount {request.Target} does not exist in {kube.Connection.DisplayName}.",
            request.Target);
        return new Context
        {
            Cluster = cluster,
            Kube = kube,
            Account = account,
            Record = PodIdentityMigrationRecord.From(account),
            Association = await associationTask.ConfigureAwait(false),
            Pods = await podsTask.ConfigureAwait(false),
        };
    }

    /// <summary>The SA patch that sets (or removes, when null) the record and sets or removes annotations.</summary>
    private static PlanStep AnnotationStep(Context context, string description, Func<IReadOnlyDictionary<string, string?>> desired, bool highImpact = false)
    {
        var planned = ServiceAccountAnnotationChange.Plan(context.Account.Namespace, context.Account.Name, context.Account, desired());
        return new PlanStep(
            new IrsaChange
            {
                Action = "PatchServiceAccount",
                Target = context.Target,
                Description = description,
                Detail = planned.Describe(),
                HighImpact = highImpact,
            },
            async ct =>
            {
                var final = ServiceAccountAnnotationChange.Plan(context.Account.Namespace, context.Account.Name, context.Account, desired());
                await context.Kube.ApplyAnnotationChangeAsync(final, requireUnchanged: false, ct).ConfigureAwait(false);
            });
    }

    /// <summary>Refuses (before anything is written) when Pod Identity cannot serve the service account's pods.</summary>
    private static async Task RequirePodIdentityCanServeAsync(IrsaSession session, Context context, CancellationToken cancellationToken)
    {
        var state = await PodIdentitySupport.ReadAsync(session, context.Kube, context.Cluster, cancellationToken).ConfigureAwait(false);
        var blockers = state.Blockers(context.Pods);
        if (blockers.FirstOrDefault(b => b.Kind == PodIdentityBlockerKind.AgentMissing) is { } agent)
        {
            throw new IrsaException(ErrorIds.PodIdentityAgentMissing, IrsaErrorKind.NotSupported, $"Cluster '{context.Cluster.ClusterName}': {agent.Message} Nothing was changed.", context.Cluster.ClusterName);
        }

        if (blockers.FirstOrDefault(b => b.Kind == PodIdentityBlockerKind.Cluster) is { } cluster)
        {
            throw new IrsaException(ErrorIds.PodIdentityClusterNotSupported, IrsaErrorKind.NotSupported, cluster.Message, context.Cluster.ClusterName);
        }

        var nodes = blockers.Where(b => b.Kind == PodIdentityBlockerKind.Node).Select(b => b.Message).ToList();
        if (nodes.Count > 0)
        {
            throw new IrsaException(
                ErrorIds.PodIdentityUnsupportedNode,
                IrsaErrorKind.NotSupported,
                $"ServiceAccount {context.Target} stays on IRSA: EKS Pod Identity cannot serve its pods. {string.Join(" ", nodes.Take(3))}{(nodes.Count > 3 ? $" (and {nodes.Count - 3} more)" : string.Empty)} Nothing was changed.",
                context.Target);
        }
    }

    private static List<string> PodsNotOn(Context context, KubePodCredentialSource source) =>
        context.Pods.Where(p => !p.IsFinished && p.Source != source).Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();

    private static void WarnRestart(IrsaSession session, List<string> pods, string what)
    {
        if (pods.Count > 0)
        {
            session.Host.WriteWarning(
                $"{pods.Count} pod(s) still run with their old credentials and get {what} only when restarted (e.g. kubectl rollout restart): {string.Join(", ", pods.Take(5))}{(pods.Count > 5 ? ", ..." : string.Empty)}.");
        }
    }

    private static IrsaPodIdentityMigration Result(
        Context context, string stage, string? roleArn, string? associationId, IReadOnlyList<string> restart, IReadOnlyList<PlanStep> steps, string? message = null) => new()
        {
            ClusterName = context.Cluster.ClusterName,
            Namespace = context.Account.Namespace,
            ServiceAccountName = context.Account.Name,
            RoleArn = roleArn,
            RoleName = IrsaPodIdentityAssociations.RoleNameOf(roleArn),
            Stage = stage,
            AssociationId = associationId,
            PodsToRestart = restart,
            Message = message,
            Changes = steps.Select(s => s.Change).ToList(),
        };
}
