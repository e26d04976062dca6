using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>What tab completion offers for -AssociationId: the ids of the cluster's associations (List only, no Describe).</summary>
public static class PodIdentityCompletionQueries
{
    public static async Task<IReadOnlyList<string>> AssociationIdsAsync(IrsaSession session, string? clusterName, string? typed, CancellationToken cancellationToken)
    {
        if (clusterName is null || !Validation.EksNames.IsClusterName(clusterName))
        {
            return [];
        }

        var summaries = await IrsaPodIdentityAssociations.ListAsync(session.Aws, clusterName, null, null, cancellationToken).ConfigureAwait(false);
        return CompletionQueries.Filter(summaries.Select(s => s.AssociationId), typed);
    }
}
