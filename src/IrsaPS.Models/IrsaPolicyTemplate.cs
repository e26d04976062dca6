using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>One role of a policy template (catalog entry) as Get-IrsaPolicyTemplate shows it, with its policy rendered.</summary>
public sealed class IrsaPolicyTemplate
{
    /// <summary>The entry's name, what -PolicyTemplate takes.</summary>
    public string Name { get; init; } = string.Empty;

    public string Controller { get; init; } = string.Empty;

    /// <summary>The upstream version the permissions match.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>True for the newest version of the entry in the catalog.</summary>
    public bool IsLatest { get; init; }

    public string Summary { get; init; } = string.Empty;

    /// <summary>The role of the entry (what -TemplateRole takes).</summary>
    public string TemplateRole { get; init; } = string.Empty;

    /// <summary>The namespace upstream installs into by default (null when upstream names none).</summary>
    public string? Namespace { get; init; }

    /// <summary>Upstream's default service account name(s).</summary>
    public IReadOnlyList<string> ServiceAccountName { get; init; } = [];

    /// <summary>The AWS-managed policies the role gets, in the rendering's partition.</summary>
    public IReadOnlyList<string> ManagedPolicyArns { get; init; } = [];

    /// <summary>The name the inline policy is written under, or null when the rendering has none.</summary>
    public string? InlinePolicyName { get; init; }

    /// <summary>The rendered inline policy, indented (placeholders of missing parameters left as ${Name}).</summary>
    public string? Policy { get; init; }

    /// <summary>The inline policy's size as IAM counts it (no whitespace).</summary>
    public int PolicySize { get; init; }

    /// <summary>Whether the policy would fit a customer-managed policy (6,144 characters).</summary>
    public bool FitsManagedPolicy { get; init; }

    /// <summary>Whether the policy fits IAM's inline quota per role (10,240 characters for all inline policies).</summary>
    public bool FitsInlinePolicies { get; init; }

    public IReadOnlyList<IrsaPolicyTemplateParameter> Parameters { get; init; } = [];

    /// <summary>Parameters the rendering still needs (their placeholders stay in <see cref="Policy"/>).</summary>
    public IReadOnlyList<string> MissingParameters { get; init; } = [];

    /// <summary>Scope parameters left on every resource (-AllowUnscopedTemplate).</summary>
    public IReadOnlyList<string> UnscopedParameters { get; init; } = [];

    /// <summary>Where the permissions were read, one line each: repository, path, tag, commit and date (or page).</summary>
    public IReadOnlyList<string> Source { get; init; } = [];

    public string Licence { get; init; } = string.Empty;

    public IReadOnlyList<string> Notes { get; init; } = [];

    public override string ToString() => Name + " " + Version + " (" + TemplateRole + ")";
}

/// <summary>A parameter of a policy template.</summary>
public sealed class IrsaPolicyTemplateParameter
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Required, Scope (required unless -AllowUnscopedTemplate), Optional, or FromCluster.</summary>
    public string WhenOmitted { get; init; } = string.Empty;

    /// <summary>Whether it takes several values.</summary>
    public bool Multiple { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>The values given (or taken from the cluster).</summary>
    public IReadOnlyList<string> Value { get; init; } = [];

    public override string ToString() => Name;
}
