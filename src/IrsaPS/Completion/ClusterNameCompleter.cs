using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Operations;

namespace IrsaPS.Completion;

/// <summary>EKS cluster names of the region (ListClusters), for -ClusterName / Get-IrsaCluster -Name.</summary>
public sealed class ClusterNameCompleter : IrsaArgumentCompleter
{
    internal override Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken) =>
        CompletionQueries.ClusterNamesAsync(session, typed, cancellationToken);
}
