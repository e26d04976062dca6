using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Add-IrsaRoleTrust / Remove-IrsaRoleTrust: change which service accounts of a cluster an existing role admits,
/// touching nothing else in its trust (other statements, other clusters, other principals survive), written with
/// <see cref="TrustWriter"/> so that concurrent writers do not lose each other's changes.
/// </summary>
public static class IrsaRoleTrusts
{
    public static async Task<IReadOnlyList<IrsaRole>> AddAsync(
        IrsaSession session, string roleName, string clusterName, IReadOnlyList<ServiceAccountRef> serviceAccounts, string? audience, bool allowWildcard,
        CancellationToken cancellationToken)
    {
        IamNames.ValidateRoleName(roleName);
        RequireWildcardPermission(serviceAccounts, allowWildcard);
        if (audience is not null)
        {
            TokenAudience.Validate(audience);
        }

        var cluster = await session.GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
        var issuer = ClusterResolver.RequireIrsaIssuer(cluster);
        var subjects = serviceAccounts.Select(sa => new IrsaSubject(issuer, sa.Namespace, sa.Name, audience)).ToList();
        TrustPolicyEdit Edit(PolicyDocument doc) => TrustPolicyEditor.AddSubjects(doc, cluster.Partition, cluster.AccountId, subjects, allowWildcard);

        var (role, trust) = await EditAsync(
            session,
            roleName,
            Edit,
            edit => $"Let {string.Join(", ", subjects.Select(s => s.Target))} of cluster '{cluster.ClusterName}' assume role '{roleName}'",
            cancellationToken).ConfigureAwait(false);
        if (role.Changes.Any(c => !c.Applied))
        {
            return []; // -WhatIf or declined: the trust is unchanged, so there is nothing to describe.
        }

        return serviceAccounts.Select(sa => RoleView.Create(
            role.Role,
            trust,
            new Dictionary<string, string>(StringComparer.Ordinal) { [issuer.HostPath] = cluster.ClusterName },
            cluster.ClusterName,
            sa,
            audience ?? IrsaSubject.DefaultAudience,
            changes: role.Changes)).ToList();
    }

    /// <summary>
    /// Removes the service accounts, or (when <paramref name="serviceAccounts"/> is null) every trust in the cluster's issuer.
    /// Null when the change was not applied (-WhatIf, or the confirmation declined it).
    /// </summary>
    public static async Task<IrsaRole?> RemoveAsync(
        IrsaSession session, string roleName, string clusterName, IReadOnlyList<ServiceAccountRef>? serviceAccounts, CancellationToken cancellationToken)
    {
        IamNames.ValidateRoleName(roleName);
        var cluster = await session.GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
        var issuer = ClusterResolver.RequireIrsaIssuer(cluster);
        Func<PolicyDocument, TrustPolicyEdit> edit;
        string what;
        if (serviceAccounts is null)
        {
            edit = doc => TrustPolicyEditor.RemoveProvider(doc, cluster.Partition, cluster.AccountId, issuer);
            what = $"Stop trusting every service account of cluster '{cluster.ClusterName}' in role '{roleName}'";
        }
        else
        {
            var subjects = serviceAccounts.Select(sa => new IrsaSubject(issuer, sa.Namespace, sa.Name)).ToList();
            edit = doc => TrustPolicyEditor.RemoveSubjects(doc, cluster.Partition, cluster.AccountId, subjects);
            what = $"Stop trusting {string.Join(", ", subjects.Select(s => s.Target))} of cluster '{cluster.ClusterName}' in role '{roleName}'";
        }

        var (role, trust) = await EditAsync(session, roleName, edit, _ => what, cancellationToken).ConfigureAwait(false);
        if (role.Changes.Any(c => !c.Applied))
        {
            return null;
        }

        return RoleView.Create(
            role.Role,
            trust,
            new Dictionary<string, string>(StringComparer.Ordinal) { [issuer.HostPath] = cluster.ClusterName },
            cluster.ClusterName,
            serviceAccounts is { Count: 1 } ? serviceAccounts[0] : null,
            changes: role.Changes);
    }

    private static async Task<((Aws.Iam.Model.Role Role, IReadOnlyList<IrsaChange> Changes) Role, PolicyDocument Trust)> EditAsync(
        IrsaSession session, string roleName, Func<PolicyDocument, TrustPolicyEdit> edit, Func<TrustPolicyEdit, string> describe, CancellationToken cancellationToken)
    {
        var role = await IrsaRoles.GetRoleAsync(session.Aws, roleName, cancellationToken).ConfigureAwait(false);
        var trust = PolicyDocument.Parse(role.AssumeRolePolicyDocument ?? string.Empty);
        var planned = edit(trust);
        if (!planned.Changed)
        {
            session.Host.WriteVerbose($"Role '{roleName}': the trust already is as asked; nothing to change.");
            return ((role, []), trust);
        }

        if (planned.IsEmpty)
        {
            throw TrustWriter.EmptyTrust(roleName);
        }

        TrustPolicySize.EnsureWithinLimit(planned.Document, session.Options.TrustPolicySizeLimit);
        var change = new IrsaChange
        {
            Action = "UpdateAssumeRolePolicy",
            Target = role.Arn,
            Description = describe(planned),
            Detail = RolePlanner.TrustDiff(planned),
            HighImpact = RolePlanner.IsHighImpactEdit(planned.Broadening),
        };
        if (!session.Host.ShouldProcess(change.Target, change.Description, change.Detail, change.HighImpact))
        {
            return ((role, [change]), trust);
        }

        var final = await TrustWriter.ConvergeAsync(session, roleName, trust, edit, cancellationToken).ConfigureAwait(false);
        change.Applied = true;
        return ((role, [change]), final);
    }

    private static void RequireWildcardPermission(IReadOnlyList<ServiceAccountRef> serviceAccounts, bool allowWildcard)
    {
        var wildcard = serviceAccounts.FirstOrDefault(sa => KubernetesNames.HasWildcard(sa.Namespace) || KubernetesNames.HasWildcard(sa.Name));
        if (wildcard is not null && !allowWildcard)
        {
            throw new IrsaValidationException(
                ErrorIds.WildcardNotAllowed,
                $"'{wildcard.Target}' is a wildcard: it would trust every matching service account. Pass -AllowWildcard if that is what you want.",
                wildcard.Target);
        }
    }
}
