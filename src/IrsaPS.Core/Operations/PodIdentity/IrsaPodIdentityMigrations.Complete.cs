using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.PodIdentity;

namespace IrsaPS.Core.Operations.PodIdentity;

// Complete: drop the service account's OIDC subject from the role's trust once nothing runs on web identity any more.
public static partial class IrsaPodIdentityMigrations
{
    public static async Task<IrsaPodIdentityMigration> CompleteAsync(IrsaSession session, PodIdentityMigrationRequest request, CancellationToken cancellationToken)
    {
        var context = await ReadAsync(session, request, cancellationToken).ConfigureAwait(false);
        var record = context.Record ?? throw new IrsaException(
            ErrorIds.PodIdentityMigrationNotStarted,
            IrsaErrorKind.InvalidArgument,
            $"ServiceAccount {context.Target} has no IrsaPS migration record: run Start-IrsaPodIdentityMigration first.",
            context.Target);
        if (record.Completed)
        {
            session.Host.WriteVerbose($"The migration of {context.Target} is already complete.");
            return Result(context, "Completed", record.RoleArn, context.Association?.AssociationId, PodsNotOn(context, KubePodCredentialSource.PodIdentity), [], "Already complete.");
        }

        if (context.Account.Irsa.RoleArn is { } annotated)
        {
            throw new IrsaException(
                ErrorIds.PodIdentityIrsaAnnotationPresent,
                IrsaErrorKind.Conflict,
                $"ServiceAccount {context.Target} has the eks.amazonaws.com/role-arn annotation again ({annotated}), so new pods would still use IRSA. Run Start-IrsaPodIdentityMigration again (it removes it), then Complete.",
                context.Target);
        }

        var association = context.Association;
        if (association is null || !string.Equals(association.RoleArn, record.RoleArn, StringComparison.Ordinal))
        {
            throw new IrsaException(
                ErrorIds.PodIdentityAssociationNotFound,
                IrsaErrorKind.NotFound,
                association is null
                    ? $"ServiceAccount {context.Target} has no Pod Identity association any more; completing would leave it without credentials. Run Start-IrsaPodIdentityMigration again."
                    : $"ServiceAccount {context.Target}'s Pod Identity association {association.AssociationId} names {association.RoleArn}, not the migrated role {record.RoleArn}. Run Start-IrsaPodIdentityMigration again.",
                context.Target);
        }

        var webIdentity = context.Pods.Where(p => !p.IsFinished && p.Source == KubePodCredentialSource.WebIdentity).Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (webIdentity.Count > 0)
        {
            throw new IrsaException(
                ErrorIds.PodIdentityPodsStillUseWebIdentity,
                IrsaErrorKind.Conflict,
                $"{webIdentity.Count} running pod(s) of {context.Target} still use web identity (IRSA) and would lose their credentials: {string.Join(", ", webIdentity.Take(5))}{(webIdentity.Count > 5 ? ", ..." : string.Empty)}. Restart them (kubectl rollout restart), check with Get-IrsaWorkloadIdentity, then Complete.",
                context.Target);
        }

        var roleName = PodIdentityTrustEditing.RoleName(record.RoleArn);
        var role = await IrsaRoles.GetRoleAsync(session.Aws, roleName, cancellationToken).ConfigureAwait(false);
        var trust = PolicyDocument.Parse(role.AssumeRolePolicyDocument ?? string.Empty);
        var podRequest = new PodIdentityRequest(context.Cluster.AccountId, context.Cluster.Arn, context.Account.Namespace, context.Account.Name, !(association.DisableSessionTags ?? false));
        var podTrust = PodIdentityTrustEvaluator.Evaluate(trust, podRequest);
        if (!podTrust.Allowed)
        {
            throw new IrsaException(
                ErrorIds.PodIdentityTrustMissing,
                IrsaErrorKind.InvalidArgument,
                $"Role '{roleName}' does not let Pod Identity in ({podTrust.Reason}); completing would leave {context.Target} without credentials. Run Start-IrsaPodIdentityMigration again to add the trust.",
                role.Arn);
        }

        var steps = new List<PlanStep>();
        TrustPolicyEdit? removal = null;
        if (context.Cluster.Issuer is not null && !context.Cluster.IsOutpostsLocalCluster)
        {
            var issuer = ClusterResolver.RequireIrsaIssuer(context.Cluster);
            var subject = new IrsaSubject(issuer, context.Account.Namespace, context.Account.Name);
            TrustPolicyEdit Edit(PolicyDocument document) => TrustPolicyEditor.RemoveSubjects(document, context.Cluster.Partition, context.Cluster.AccountId, [subject]);
            removal = Edit(trust);
            if (removal.Changed)
            {
                if (removal.IsEmpty)
                {
                    throw TrustWriter.EmptyTrust(roleName);
                }

                steps.Add(new PlanStep(
                    new IrsaChange
                    {
                        Action = "UpdateAssumeRolePolicy",
                        Target = role.Arn,
                        Description = $"Stop trusting {subject.Target} of cluster '{context.Cluster.ClusterName}' through OIDC in role '{roleName}' (it uses EKS Pod Identity now)",
                        Detail = RolePlanner.TrustDiff(removal),
                    },
                    async ct => await TrustWriter.ConvergeAsync(session, roleName, await TrustWriter.ReadTrustAsync(session.Aws, roleName, ct).ConfigureAwait(false), Edit, ct).ConfigureAwait(false)));
            }
        }

        var next = record.Clone();
        next.Completed = true;
        next.CompletedAt = DateTimeOffset.UtcNow;
        next.OidcSubjectRemoved |= removal?.Changed ?? false;
        steps.Add(AnnotationStep(
            context,
            $"Record that the migration of ServiceAccount {context.Target} is complete",
            () => new Dictionary<string, string?>(StringComparer.Ordinal) { [PodIdentityMigrationRecord.AnnotationKey] = next.ToJson() }));

        var applied = await AllOrNothingPlan.RunAsync(session.Host, steps, cancellationToken).ConfigureAwait(false);
        return Result(context, applied ? "Completed" : "Started", record.RoleArn, association.AssociationId, PodsNotOn(context, KubePodCredentialSource.PodIdentity), steps);
    }
}
