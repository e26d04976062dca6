using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.PodIdentity;
using IrsaPS.Core.ServiceAccounts;

namespace IrsaPS.Core.Operations.PodIdentity;

// Undo: back to IRSA. IRSA is made to work again first (trust, annotations), then what IrsaPS added for Pod Identity goes.
public static partial class IrsaPodIdentityMigrations
{
    public static async Task<IrsaPodIdentityMigration> UndoAsync(IrsaSession session, PodIdentityMigrationRequest request, CancellationToken cancellationToken)
    {
        var context = await ReadAsync(session, request, cancellationToken).ConfigureAwait(false);
        var record = context.Record;
        if (record is null)
        {
            var nothing = $"ServiceAccount {context.Target} has no IrsaPS migration record: there is nothing to undo.";
            session.Host.WriteWarning(nothing);
            return Result(context, "NotStarted", context.Account.Irsa.RoleArn ?? context.Association?.RoleArn, context.Association?.AssociationId, [], [], nothing);
        }

        var roleName = PodIdentityTrustEditing.RoleName(record.RoleArn);
        var steps = new List<PlanStep>();
        PolicyDocument? afterReadd = null;
        if (record.OidcSubjectRemoved && context.Cluster.Issuer is not null && !context.Cluster.IsOutpostsLocalCluster)
        {
            var issuer = ClusterResolver.RequireIrsaIssuer(context.Cluster);
            record.Annotations.TryGetValue(IrsaAnnotationKeys.Audience, out var audience);
            var subject = new IrsaSubject(issuer, context.Account.Namespace, context.Account.Name, audience);
            var role = await IrsaRoles.GetRoleAsync(session.Aws, roleName, cancellationToken).ConfigureAwait(false);
            var trust = PolicyDocument.Parse(role.AssumeRolePolicyDocument ?? string.Empty);
            TrustPolicyEdit Edit(PolicyDocument document) => TrustPolicyEditor.AddSubjects(document, context.Cluster.Partition, context.Cluster.AccountId, [subject]);
            var edit = Edit(trust);
            if (edit.Changed)
            {
                TrustPolicySize.EnsureWithinLimit(edit.Document, session.Options.TrustPolicySizeLimit);
                afterReadd = edit.Document;
                steps.Add(new PlanStep(
                    new IrsaChange
                    {
                        Action = "UpdateAssumeRolePolicy",
                        Target = role.Arn,
                        Description = $"Let {subject.Target} of cluster '{context.Cluster.ClusterName}' assume role '{roleName}' through OIDC again (IRSA)",
                        Detail = RolePlanner.TrustDiff(edit),
                        HighImpact = (edit.Broadening & RolePlanner.HighImpactBroadening) != 0,
                    },
                    async ct => await TrustWriter.ConvergeAsync(session, roleName, await TrustWriter.ReadTrustAsync(session.Aws, roleName, ct).ConfigureAwait(false), Edit, ct).ConfigureAwait(false)));
            }
        }

        steps.Add(AnnotationStep(
            context,
            $"Restore the IRSA annotations of ServiceAccount {context.Target} and remove IrsaPS's migration record",
            () =>
            {
                var desired = new Dictionary<string, string?>(StringComparer.Ordinal) { [PodIdentityMigrationRecord.AnnotationKey] = null };
                foreach (var annotation in record.Annotations)
                {
                    desired[annotation.Key] = annotation.Value;
                }

                return desired;
            }));

        var association = context.Association;
        if (record.AssociationCreated && association is not null)
        {
            if (association.OwnerArn is null && string.Equals(association.RoleArn, record.RoleArn, StringComparison.Ordinal))
            {
                steps.Add(DeleteAssociationStep(session.Aws, context, association));
            }
            else
            {
                session.Host.WriteWarning($"Pod Identity association {association.AssociationId} of {context.Target} names {association.RoleArn} now (not the migrated {record.RoleArn}) or belongs to an add-on; Undo leaves it.");
            }
        }

        if (record.TrustAdded)
        {
            var target = new PodIdentityTrustTarget(context.Cluster.Partition, context.Cluster.AccountId, context.Cluster.Arn, context.Account.Namespace, context.Account.Name, record.TrustScope, record.RequireSourceAccount);
            var user = record.TrustScope == PodIdentityTrustScope.ServiceAccount
                ? null
                : await OtherUserAsync(session, context, record.RoleArn, cancellationToken).ConfigureAwait(false);
            if (user is not null)
            {
                session.Host.WriteVerbose($"Keeping the Pod Identity statement of role '{roleName}': association {user.AssociationId} ({user.Namespace}/{user.ServiceAccount}) still uses it.");
            }
            else if (await PodIdentityTrustEditing.PlanRemoveAsync(session, roleName, target, cancellationToken, afterReadd).ConfigureAwait(false) is { } removal)
            {
                steps.Add(removal);
            }
        }

        var applied = await AllOrNothingPlan.RunAsync(session.Host, steps, cancellationToken).ConfigureAwait(false);
        var restart = PodsNotOn(context, KubePodCredentialSource.WebIdentity);
        if (applied)
        {
            WarnRestart(session, restart, "IRSA credentials");
        }

        var stage = applied ? "NotStarted" : record.Completed ? "Completed" : "Started";
        return Result(context, stage, record.RoleArn, applied ? null : association?.AssociationId, restart, steps);
    }

    private static PlanStep DeleteAssociationStep(AwsConnection aws, Context context, PodIdentityAssociation association) => new(
        new IrsaChange
        {
            Action = "DeletePodIdentityAssociation",
            Target = association.AssociationArn.Length > 0 ? association.AssociationArn : association.AssociationId,
            Description = $"Delete Pod Identity association {association.AssociationId} that the migration created for {context.Target}",
            Detail = "New pods of the service account get IRSA's credentials from the restored annotations.",
            HighImpact = true,
        },
        async ct =>
        {
            try
            {
                await aws.Eks.DeletePodIdentityAssociationAsync(
                    new DeletePodIdentityAssociationRequest { ClusterName = context.Cluster.ClusterName, AssociationId = association.AssociationId }, ct).ConfigureAwait(false);
            }
            catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
            {
                // Already gone: the end state is what was asked.
            }
        });

    /// <summary>Another association of the cluster that uses the role (a statement shared by a cluster-wide scope must stay for it).</summary>
    private static async Task<PodIdentityAssociation?> OtherUserAsync(IrsaSession session, Context context, string roleArn, CancellationToken cancellationToken)
    {
        var others = await IrsaPodIdentityAssociations.ListDetailedAsync(
            session.Aws,
            context.Cluster.ClusterName,
            null,
            null,
            session.Options.MaxParallelCalls,
            s => !(s.Namespace == context.Account.Namespace && s.ServiceAccount == context.Account.Name),
            cancellationToken).ConfigureAwait(false);
        return others.FirstOrDefault(a => string.Equals(a.RoleArn, roleArn, StringComparison.Ordinal));
    }
}
