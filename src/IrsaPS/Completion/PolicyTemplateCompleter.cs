using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Templates;

namespace IrsaPS.Completion;

/// <summary>Policy template names (offline), for New-IrsaRole -PolicyTemplate and Get-IrsaPolicyTemplate -Name.</summary>
public sealed class PolicyTemplateCompleter : IrsaArgumentCompleter
{
    internal override IReadOnlyList<string> Names(BoundValues bound, string typed) => TemplateCompletion.Names(typed);

    internal override Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken) =>
        Task.FromResult(Names(bound, typed));

    /// <summary>The template already typed on the command line (-PolicyTemplate or -Name), if any.</summary>
    internal static string? TypedTemplate(BoundValues bound) => bound["PolicyTemplate"] ?? bound["Name"];
}

/// <summary>The versions of the template typed so far (offline, newest first), for -TemplateVersion / -Version.</summary>
public sealed class PolicyTemplateVersionCompleter : IrsaArgumentCompleter
{
    internal override IReadOnlyList<string> Names(BoundValues bound, string typed) =>
        TemplateCompletion.Versions(PolicyTemplateCompleter.TypedTemplate(bound), typed);

    internal override Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken) =>
        Task.FromResult(Names(bound, typed));
}

/// <summary>The roles of the template typed so far (offline), for -TemplateRole.</summary>
public sealed class PolicyTemplateRoleCompleter : IrsaArgumentCompleter
{
    internal override IReadOnlyList<string> Names(BoundValues bound, string typed) =>
        TemplateCompletion.Roles(PolicyTemplateCompleter.TypedTemplate(bound), typed);

    internal override Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken) =>
        Task.FromResult(Names(bound, typed));
}
