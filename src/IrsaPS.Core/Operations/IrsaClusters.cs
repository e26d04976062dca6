using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Get-IrsaCluster: one cluster by name (<c>ClusterNotFound</c> when missing), or every cluster of the region whose name
/// matches a pattern (<c>*</c>, <c>?</c>; none given: all), each resolved with <see cref="ClusterResolver"/>.
/// Resolved clusters are remembered by the session, so a pipeline that continues with them does not describe them again.
/// </summary>
public static class IrsaClusters
{
    private const string Activity = "Reading EKS clusters";

    public static async Task<IReadOnlyList<IrsaCluster>> GetAsync(IrsaSession session, string? namePattern, CancellationToken cancellationToken)
    {
        if (namePattern is not null && !KubernetesNames.HasWildcard(namePattern))
        {
            EksNames.ValidateClusterName(namePattern);
            return [await session.GetClusterAsync(namePattern, cancellationToken).ConfigureAwait(false)];
        }

        var names = (await session.Aws.Eks.ListAllClustersAsync(null, cancellationToken).ConfigureAwait(false))
            .Where(n => namePattern is null || WildcardMatcher.IsMatch(n, namePattern, ignoreCase: true))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        var result = new List<IrsaCluster>(names.Count);
        try
        {
            for (var index = 0; index < names.Count; index++)
            {
                session.Host.WriteProgress(new OperationProgress(
                    ProgressActivities.ClusterScan, Activity, $"{index + 1} of {names.Count}: {names[index]}", index * 100 / names.Count));
                result.Add(await session.GetClusterAsync(names[index], cancellationToken).ConfigureAwait(false));
            }
        }
        finally
        {
            session.Host.WriteProgress(OperationProgress.Complete(ProgressActivities.ClusterScan, Activity));
        }

        return result;
    }
}
