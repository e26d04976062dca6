using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace IrsaPS.Core.Templates;

/// <summary>
/// One role of an entry: the service account(s) it is for by default, the managed policies it attaches, and the
/// inline policy it writes (a document with <c>${...}</c> placeholders; null when the managed policies are all it needs).
/// </summary>
internal sealed class TemplateRole
{
    internal TemplateRole(
        string name,
        string? @namespace,
        IReadOnlyList<string> serviceAccounts,
        IReadOnlyList<TemplateManagedPolicy> managedPolicies,
        JsonObject? policy,
        IReadOnlyList<string> optionalActions)
    {
        Name = name;
        Namespace = @namespace;
        ServiceAccounts = serviceAccounts;
        ManagedPolicies = managedPolicies;
        Policy = policy;
        OptionalActions = optionalActions;
    }

    /// <summary><c>controller</c>, <c>node</c>...</summary>
    public string Name { get; }

    /// <summary>The namespace upstream installs into by default; null when upstream names none.</summary>
    public string? Namespace { get; }

    /// <summary>Upstream's default service account name(s); empty when upstream names none.</summary>
    public IReadOnlyList<string> ServiceAccounts { get; }

    public IReadOnlyList<TemplateManagedPolicy> ManagedPolicies { get; }

    /// <summary>The inline policy with placeholders, or null.</summary>
    internal JsonObject? Policy { get; }

    /// <summary>Actions of the inline policy that the drift check does not require (used only by some setups).</summary>
    public IReadOnlyList<string> OptionalActions { get; }

    public override string ToString() => Name;
}
