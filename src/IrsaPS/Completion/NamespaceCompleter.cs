using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Operations;

namespace IrsaPS.Completion;

/// <summary>Kubernetes namespaces of the cluster named by -ClusterName (else the kubeconfig's), for -Namespace.</summary>
public sealed class NamespaceCompleter : IrsaArgumentCompleter
{
    internal override Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken) =>
        CompletionQueries.NamespacesAsync(session, bound["ClusterName"], typed, cancellationToken);
}
