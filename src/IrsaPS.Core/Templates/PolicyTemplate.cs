using System;
using System.Collections.Generic;
using System.Linq;

namespace IrsaPS.Core.Templates;

/// <summary>
/// One catalog entry: the permissions a well-known controller needs at one upstream version, read from upstream's
/// published policy and recorded with its source. An entry has one role per service account that needs its own
/// permissions (most have one; the EFS CSI driver v3 has a controller and a node role).
/// </summary>
internal sealed class PolicyTemplate
{
    internal PolicyTemplate(
        string name,
        string controller,
        string version,
        string summary,
        string licence,
        IReadOnlyList<TemplateSource> sources,
        IReadOnlyList<string> notes,
        IReadOnlyList<TemplateParameter> parameters,
        IReadOnlyList<IReadOnlyList<string>> requireOneOf,
        IReadOnlyList<TemplateRole> roles)
    {
        Name = name;
        Controller = controller;
        Version = version;
        Summary = summary;
        Licence = licence;
        Sources = sources;
        Notes = notes;
        Parameters = parameters;
        RequireOneOf = requireOneOf;
        Roles = roles;
    }

    /// <summary>The name users type (<c>AwsLoadBalancerController</c>).</summary>
    public string Name { get; }

    /// <summary>What it is for, in words (<c>AWS Load Balancer Controller</c>).</summary>
    public string Controller { get; }

    /// <summary>The upstream version the permissions match (<c>3.5.0</c>; a date where upstream has no release).</summary>
    public string Version { get; }

    public string Summary { get; }

    /// <summary>The licence of the upstream material the permission lists were read from.</summary>
    public string Licence { get; }

    public IReadOnlyList<TemplateSource> Sources { get; }

    public IReadOnlyList<string> Notes { get; }

    public IReadOnlyList<TemplateParameter> Parameters { get; }

    /// <summary>Groups of optional parameters of which at least one must be given.</summary>
    public IReadOnlyList<IReadOnlyList<string>> RequireOneOf { get; }

    public IReadOnlyList<TemplateRole> Roles { get; }

    /// <summary>True when <see cref="Roles"/> has more than one role, so callers must choose one.</summary>
    public bool HasSeveralRoles => Roles.Count > 1;

    public TemplateParameter? FindParameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public TemplateRole? FindRole(string name) =>
        Roles.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name + " " + Version;
}

/// <summary>Where an entry's facts were read: a file of a repository at a tag or commit, or a documentation page.</summary>
internal sealed record TemplateSource(string? Repository, string? Path, string? Ref, string? Commit, string? Url, string Read, string? Note)
{
    /// <summary>A link a reader can open: the file at its commit, or the page.</summary>
    public string Location => Repository is not null && Path is not null
        ? $"https://github.com/{Repository}/blob/{Commit ?? Ref}/{Path}"
        : Url ?? string.Empty;

    public override string ToString() => Repository is not null ? $"{Repository} {Path} @ {Ref}" : Url ?? string.Empty;
}

/// <summary>A managed policy an entry attaches, with the actions it grants as upstream published them (for the drift check).</summary>
internal sealed record TemplateManagedPolicy(string ArnTemplate, IReadOnlyList<string> Actions)
{
    /// <summary>The ARN in a partition.</summary>
    public string Arn(string partition) => ArnTemplate.Replace("${Partition}", partition);
}
