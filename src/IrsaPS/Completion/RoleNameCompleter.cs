using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Operations;

namespace IrsaPS.Completion;

/// <summary>IAM role names of the account (ListRoles, first pages), for -RoleName.</summary>
public sealed class RoleNameCompleter : IrsaArgumentCompleter
{
    internal override Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken) =>
        CompletionQueries.RoleNamesAsync(session, typed, cancellationToken);
}
