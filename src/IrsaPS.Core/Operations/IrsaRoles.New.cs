using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Templates;

namespace IrsaPS.Core.Operations;

/// <summary>
/// New-IrsaRole: create an IRSA role, or adopt an existing one, so that it ends up with (at least) what was asked for:
/// the trust admits the service accounts, the managed policies are attached, the inline policies hold the given
/// documents, the boundary, tags, description and session length are set. Nothing else is removed or changed.
/// The plan (<see cref="RolePlanner"/>) is computed from the current state before anything is written (and checks that
/// every policy exists), so -WhatIf shows exactly what would change, and running the same request twice changes nothing
/// the second time. A role this call creates is never left half-built (<see cref="RoleRollback"/>).
/// A lost CreateRole answer (the role was created, the response never came back) is adopted on the spot.
/// </summary>
public static partial class IrsaRoles
{
    public static async Task<IReadOnlyList<IrsaRole>> NewAsync(IrsaSession session, NewRoleRequest request, CancellationToken cancellationToken)
    {
        if (request.Template is not null)
        {
            request = TemplateRoleApplication.Prepare(request);
        }

        request.Validate();
        var cluster = await session.GetClusterAsync(request.ClusterName, cancellationToken).ConfigureAwait(false);
        if (request.Template is not null)
        {
            request = TemplateRoleApplication.Apply(request, cluster.Partition, cluster.AccountId, cluster.Region, cluster.ClusterName);
        }

        request.ValidatePartition(cluster.Partition);
        var (wanted, issuers) = Trust(session, request, cluster);

        for (var attempt = 0; ; attempt++)
        {
            var plan = await RolePlanner.PlanAsync(session, request, cluster, wanted, cancellationToken).ConfigureAwait(false);
            try
            {
                if (!await ApplyAsync(session, request, plan, cancellationToken).ConfigureAwait(false))
                {
                    return []; // -WhatIf, or a confirmation answered "No": nothing to describe (see the output rule in about_IrsaPS).
                }

                var changes = plan.Steps.Select(s => s.Change).ToList();
                var created = plan.Creates && plan.Steps[0].Change.Applied;
                return request.ServiceAccounts.Select(View).ToList();

                IrsaRole View(ServiceAccountRef sa) => RoleView.Create(
                    plan.Role, plan.Trust, issuers, cluster.ClusterName, sa, request.PodIdentity is null ? request.Audience ?? IrsaSubject.DefaultAudience : null,
                    plan.AttachedPolicies, plan.InlinePolicies, plan.Tags, created, changes, plan.PermissionsBoundary,
                    plan.Description, plan.MaxSessionDuration);
            }
            catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.AlreadyExists && plan.Creates && attempt == 0)
            {
                // Someone (or our own retried request whose answer was lost) created the role between our read and our
                // write: adopt it with a fresh plan.
                session.Host.WriteVerbose($"Role '{request.RoleName}' appeared while creating it ({ex.AwsErrorCode}); adopting it.");
            }
        }
    }

    /// <summary>
    /// A new role is created with everything that goes with it after ONE confirmation that lists every write, and taken
    /// back if a later write fails (<see cref="RoleRollback"/>). An existing role's changes are confirmed one by one (a
    /// trust change that admits someone new confirms as high impact). True when every planned write was applied.
    /// </summary>
    private static async Task<bool> ApplyAsync(IrsaSession session, NewRoleRequest request, RolePlan plan, CancellationToken cancellationToken)
    {
        if (!plan.Creates)
        {
            await PlanRunner.RunAsync(session.Host, plan.Steps, cancellationToken).ConfigureAwait(false);
            var declined = plan.Steps.Where(s => !s.Change.Applied).ToList();
            if (declined.Count > 0 && declined.Count < plan.Steps.Count)
            {
                session.Host.WriteWarning(
                    $"Role '{request.RoleName}': {plan.Steps.Count - declined.Count} of {plan.Steps.Count} changes were applied; not applied (declined): {string.Join("; ", declined.Select(s => s.Change.Description))}. No object is written for it.");
            }

            return declined.Count == 0;
        }

        var roleArn = plan.Steps[0].Change.Target;
        try
        {
            return await PlanRunner.RunAsOneAsync(
                session.Host,
                roleArn,
                $"Create IAM role '{request.RoleName}'",
                null,
                plan.Steps,
                plan.Steps.Any(s => s.Change.HighImpact),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (plan.Steps[0].Change.Applied && ex is not OutOfMemoryException)
        {
            throw await RoleRollback.UndoAsync(session, request.RoleName, roleArn, plan.Steps, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What the role must trust: the cluster's OIDC subjects (IRSA), or pods.eks.amazonaws.com (-PodIdentity).</summary>
    private static (RoleTrustIntent Wanted, Dictionary<string, string> Issuers) Trust(IrsaSession session, NewRoleRequest request, IrsaCluster cluster)
    {
        if (request.PodIdentity is { } podIdentity)
        {
            if (PodIdentity.PodIdentitySupport.ClusterBlocker(cluster) is { } blocker)
            {
                session.Host.WriteWarning(blocker + " The role can be created, but no association of this cluster can use it.");
            }

            var known = cluster.Issuer is { } url && Validation.OidcIssuer.TryParse(url, out var parsed)
                ? new Dictionary<string, string>(StringComparer.Ordinal) { [parsed.HostPath] = cluster.ClusterName }
                : new Dictionary<string, string>(StringComparer.Ordinal);
            return (new PodIdentity.PodIdentityRoleTrust(cluster, request.ServiceAccounts, podIdentity), known);
        }

        var issuer = ClusterResolver.RequireIrsaIssuer(cluster);
        if (!cluster.OidcProviderExists)
        {
            session.Host.WriteWarning(
                $"Cluster '{cluster.ClusterName}' has no IAM OIDC provider in account {cluster.AccountId} yet: the role cannot be assumed until you run Register-IrsaOidcProvider -ClusterName {cluster.ClusterName}.");
        }

        var subjects = request.ServiceAccounts.Select(sa => new IrsaSubject(issuer, sa.Namespace, sa.Name, request.Audience)).ToList();
        return (new IrsaRoleTrust(cluster, subjects, request.AllowWildcard), new Dictionary<string, string>(StringComparer.Ordinal) { [issuer.HostPath] = cluster.ClusterName });
    }
}
