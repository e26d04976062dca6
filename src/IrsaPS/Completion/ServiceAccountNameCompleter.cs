using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Operations;

namespace IrsaPS.Completion;

/// <summary>ServiceAccount names in the -Namespace already typed (else the kubeconfig context's), for -ServiceAccountName.</summary>
public sealed class ServiceAccountNameCompleter : IrsaArgumentCompleter
{
    internal override Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken) =>
        CompletionQueries.ServiceAccountNamesAsync(session, bound["ClusterName"], bound["Namespace"], typed, cancellationToken);
}
