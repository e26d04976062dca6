using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Operations.PodIdentity;

namespace IrsaPS.Completion;

/// <summary>EKS Pod Identity association ids of the cluster named by -ClusterName, for -AssociationId.</summary>
public sealed class AssociationIdCompleter : IrsaArgumentCompleter
{
    internal override Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken) =>
        PodIdentityCompletionQueries.AssociationIdsAsync(session, bound["ClusterName"], typed, cancellationToken);
}
