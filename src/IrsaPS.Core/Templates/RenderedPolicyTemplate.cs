using System.Collections.Generic;

namespace IrsaPS.Core.Templates;

/// <summary>Where a template is rendered: the partition of its ARNs and, from the cluster, its account, region and name.</summary>
public sealed record TemplateRenderContext(string Partition, string? AccountId = null, string? Region = null, string? ClusterName = null);

/// <summary>IAM's size quotas that a rendered policy is checked against (characters, whitespace not counted).</summary>
internal static class IamPolicyQuotas
{
    /// <summary>A customer-managed policy document.</summary>
    public const int ManagedPolicy = 6144;

    /// <summary>All inline policies of one role together.</summary>
    public const int InlinePoliciesPerRole = 10240;
}

/// <summary>One role of a catalog entry, rendered for a partition, a cluster and parameter values.</summary>
internal sealed class RenderedPolicyTemplate
{
    internal RenderedPolicyTemplate(
        PolicyTemplate template,
        TemplateRole role,
        IReadOnlyList<string> managedPolicyArns,
        string? inlinePolicy,
        IReadOnlyList<string> unscoped,
        IReadOnlyList<string> omitted,
        IReadOnlyList<string> missing)
    {
        Template = template;
        Role = role;
        ManagedPolicyArns = managedPolicyArns;
        InlinePolicy = inlinePolicy;
        Unscoped = unscoped;
        Omitted = omitted;
        Missing = missing;
    }

    public PolicyTemplate Template { get; }

    public TemplateRole Role { get; }

    /// <summary>The AWS-managed policies to attach, in the context's partition.</summary>
    public IReadOnlyList<string> ManagedPolicyArns { get; }

    /// <summary>The inline policy (compact JSON), or null when the entry needs none for these parameters.</summary>
    public string? InlinePolicy { get; }

    /// <summary>The name the inline policy is written under: <c>IrsaPS-&lt;Entry&gt;</c> (plus the role for entries with several).</summary>
    public string InlinePolicyName => "IrsaPS-" + Template.Name + (Template.HasSeveralRoles ? "-" + Role.Name : string.Empty);

    /// <summary>The inline policy's size as IAM counts it (no whitespace).</summary>
    public int Size => InlinePolicy?.Length ?? 0;

    /// <summary>True when the policy would also fit a customer-managed policy (6,144 characters).</summary>
    public bool FitsManagedPolicy => Size <= IamPolicyQuotas.ManagedPolicy;

    /// <summary>True when the policy fits the inline quota of a role (10,240 characters for all its inline policies).</summary>
    public bool FitsInlinePolicies => Size <= IamPolicyQuotas.InlinePoliciesPerRole;

    /// <summary>Scope parameters left out under -AllowUnscopedTemplate (their writes are on upstream's "*").</summary>
    public IReadOnlyList<string> Unscoped { get; }

    /// <summary>Optional parameters left out (the statements that need them were dropped).</summary>
    public IReadOnlyList<string> Omitted { get; }

    /// <summary>In a preview rendering: the parameters still missing (their placeholders are left in the policy).</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>True when the rendering needs nothing more before it can be written.</summary>
    public bool IsComplete => Missing.Count == 0;
}
