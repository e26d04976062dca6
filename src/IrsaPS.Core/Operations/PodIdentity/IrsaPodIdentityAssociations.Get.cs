using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Policy.PodIdentity;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>
/// Get-IrsaPodIdentityAssociation: a cluster's associations with their roles. ListPodIdentityAssociations pages at 100
/// (ceil(n / 100) calls; its summaries carry no role), then one DescribePodIdentityAssociation per association at
/// bounded concurrency (<see cref="IrsaOperationOptions.MaxParallelCalls"/>). A namespace, or an exact service account
/// name, filters on the server; a name pattern filters the listing.
/// </summary>
public static partial class IrsaPodIdentityAssociations
{
    public static async Task<IReadOnlyList<IrsaPodIdentityAssociation>> GetAsync(
        IrsaSession session, string clusterName, string? @namespace, string? namePattern, string? associationId, CancellationToken cancellationToken)
    {
        EksNames.ValidateClusterName(clusterName);
        if (associationId is not null)
        {
            EksClient.ValidateAssociationId(associationId);
            var one = await DescribeAsync(session.Aws, clusterName, associationId, cancellationToken).ConfigureAwait(false);
            return [View(one)];
        }

        if (@namespace is not null)
        {
            KubernetesNames.ValidateNamespace(@namespace);
        }

        var exact = namePattern is not null && !KubernetesNames.HasWildcard(namePattern);
        if (exact)
        {
            KubernetesNames.ValidateServiceAccountName(namePattern);
        }

        var pattern = exact ? null : namePattern;
        var associations = await ListDetailedAsync(
            session.Aws, clusterName, @namespace, exact ? namePattern : null, session.Options.MaxParallelCalls, s => pattern is null || WildcardMatcher.IsMatch(s.ServiceAccount, pattern, ignoreCase: true), cancellationToken).ConfigureAwait(false);
        return associations.Select(a => View(a)).ToList();
    }

    /// <summary>Every association (summaries passing <paramref name="filter"/>) described, in namespace/service account order.</summary>
    internal static async Task<IReadOnlyList<PodIdentityAssociation>> ListDetailedAsync(
        AwsConnection aws,
        string clusterName,
        string? @namespace,
        string? serviceAccount,
        int parallelism,
        Func<PodIdentityAssociationSummary, bool>? filter,
        CancellationToken cancellationToken)
    {
        var summaries = await ListAsync(aws, clusterName, @namespace, serviceAccount, cancellationToken).ConfigureAwait(false);
        var wanted = summaries.Where(s => filter is null || filter(s)).ToList();
        var described = new PodIdentityAssociation?[wanted.Count];
        await BoundedParallel.ForEachAsync(wanted.Count, parallelism, async i =>
        {
            try
            {
                described[i] = (await aws.Eks.DescribePodIdentityAssociationAsync(
                    new DescribePodIdentityAssociationRequest { ClusterName = clusterName, AssociationId = wanted[i].AssociationId }, cancellationToken).ConfigureAwait(false)).Association;
            }
            catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
            {
                // Deleted since it was listed.
            }
        }).ConfigureAwait(false);
        return described
            .Where(a => a is not null)
            .Select(a => a!)
            .OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.ServiceAccount, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The summaries (ceil(n / 100) calls); a missing cluster is <c>ClusterNotFound</c>.</summary>
    internal static async Task<List<PodIdentityAssociationSummary>> ListAsync(
        AwsConnection aws, string clusterName, string? @namespace, string? serviceAccount, CancellationToken cancellationToken)
    {
        try
        {
            return await aws.Eks.ListAllPodIdentityAssociationsAsync(clusterName, @namespace, serviceAccount, 100, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
        {
            throw ClusterNotFound(clusterName, aws.Region, ex);
        }
    }

    /// <summary>The association of one service account (a filtered List and one Describe), or null when it has none.</summary>
    internal static async Task<PodIdentityAssociation?> FindAsync(AwsConnection aws, string clusterName, string @namespace, string serviceAccount, CancellationToken cancellationToken)
    {
        var summaries = await ListAsync(aws, clusterName, @namespace, serviceAccount, cancellationToken).ConfigureAwait(false);
        var summary = summaries.FirstOrDefault(s => s.Namespace == @namespace && s.ServiceAccount == serviceAccount);
        if (summary is null)
        {
            return null;
        }

        try
        {
            return (await aws.Eks.DescribePodIdentityAssociationAsync(
                new DescribePodIdentityAssociationRequest { ClusterName = clusterName, AssociationId = summary.AssociationId }, cancellationToken).ConfigureAwait(false)).Association;
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>One association by id, or <c>PodIdentityAssociationNotFound</c>.</summary>
    internal static async Task<PodIdentityAssociation> DescribeAsync(AwsConnection aws, string clusterName, string associationId, CancellationToken cancellationToken)
    {
        try
        {
            return (await aws.Eks.DescribePodIdentityAssociationAsync(
                new DescribePodIdentityAssociationRequest { ClusterName = clusterName, AssociationId = associationId }, cancellationToken).ConfigureAwait(false)).Association;
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
        {
            throw new IrsaException(
                ErrorIds.PodIdentityAssociationNotFound,
                IrsaErrorKind.NotFound,
                $"Cluster '{clusterName}' has no Pod Identity association {associationId} (or the cluster does not exist in {aws.Region}).",
                associationId,
                ex);
        }
    }

    internal static IrsaPodIdentityAssociation View(
        PodIdentityAssociation association,
        bool created = false,
        bool deleted = false,
        IReadOnlyList<IrsaChange>? changes = null,
        PodIdentityTrustResult? trust = null) => new()
        {
            ClusterName = association.ClusterName,
            Namespace = association.Namespace,
            ServiceAccountName = association.ServiceAccount,
            RoleArn = association.RoleArn.Length == 0 ? null : association.RoleArn,
            RoleName = RoleNameOf(association.RoleArn),
            AssociationId = association.AssociationId,
            AssociationArn = association.AssociationArn,
            OwnerArn = association.OwnerArn,
            TargetRoleArn = association.TargetRoleArn,
            ExternalId = association.ExternalId,
            DisableSessionTags = association.DisableSessionTags ?? false,
            Policy = association.Policy,
            Tags = association.Tags,
            CreatedAt = Utc(association.CreatedAt),
            ModifiedAt = Utc(association.ModifiedAt),
            RoleTrustsPodIdentity = trust?.Allowed,
            TrustReason = trust?.Reason,
            Created = created,
            Deleted = deleted,
            Changes = changes ?? [],
        };

    /// <summary>The role name of a role ARN (null when it is not one).</summary>
    internal static string? RoleNameOf(string? roleArn)
    {
        if (roleArn is null || !Arn.TryParse(roleArn, out var parsed) || !parsed.Resource.StartsWith("role/", StringComparison.Ordinal))
        {
            return null;
        }

        return parsed.Resource.Substring(parsed.Resource.LastIndexOf('/') + 1);
    }

    internal static IrsaException ClusterNotFound(string clusterName, string region, Exception inner) => new(
        ErrorIds.ClusterNotFound,
        IrsaErrorKind.NotFound,
        $"EKS cluster '{clusterName}' was not found in region {region}. Check the name and -Region (Get-IrsaCluster lists the clusters of a region).",
        clusterName,
        inner);

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
