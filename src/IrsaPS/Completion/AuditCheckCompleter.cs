using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Operations;

namespace IrsaPS.Completion;

/// <summary>Audit check ids and names (offline), for Invoke-IrsaAudit -Check.</summary>
public sealed class AuditCheckCompleter : IrsaArgumentCompleter
{
    internal override IReadOnlyList<string> Names(BoundValues bound, string typed) =>
        CompletionQueries.AuditChecks(typed);

    internal override Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken) =>
        Task.FromResult(Names(bound, typed));
}
