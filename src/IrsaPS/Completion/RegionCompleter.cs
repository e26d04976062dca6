using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Operations;

namespace IrsaPS.Completion;

/// <summary>AWS region names, offline (the SDK's list).</summary>
public sealed class RegionCompleter : IrsaArgumentCompleter
{
    internal override IReadOnlyList<string> Names(BoundValues bound, string typed) => CompletionQueries.Regions(typed);

    internal override Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken) =>
        Task.FromResult(CompletionQueries.Regions(typed));
}
