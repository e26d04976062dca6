using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Templates;

/// <summary>Get-IrsaPolicyTemplate: catalog entries, each role rendered as far as the given values allow.</summary>
public static class IrsaPolicyTemplates
{
    /// <summary>
    /// The entries whose name matches <paramref name="namePattern"/> (wildcards; all when null): the newest version, or
    /// <paramref name="version"/>, or every version with <paramref name="allVersions"/>; one view per role.
    /// </summary>
    public static IReadOnlyList<IrsaPolicyTemplate> Get(
        string? namePattern,
        string? version,
        bool allVersions,
        string? roleName,
        TemplateRenderContext context,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? parameters,
        bool allowUnscoped)
    {
        IEnumerable<PolicyTemplate> templates;
        if (namePattern is not null && !WildcardMatcher.HasWildcard(namePattern))
        {
            templates = allVersions ? PolicyTemplateCatalog.All.Where(t => t.Name == PolicyTemplateCatalog.Find(namePattern).Name) : [PolicyTemplateCatalog.Find(namePattern, version)];
        }
        else
        {
            var pattern = namePattern ?? "*";
            templates = (allVersions ? PolicyTemplateCatalog.All : PolicyTemplateCatalog.Latest)
                .Where(t => WildcardMatcher.IsMatch(t.Name, pattern, ignoreCase: true) && (version is null || t.Version == version));
        }

        var views = new List<IrsaPolicyTemplate>();
        foreach (var template in templates)
        {
            var roles = roleName is null ? template.Roles : [PolicyTemplateRenderer.SelectRole(template, roleName)];
            foreach (var role in roles)
            {
                var given = parameters is not null && parameters.Count > 0 ? parameters : null;
                views.Add(View(PolicyTemplateRenderer.Preview(template, role.Name, context, given, allowUnscoped), context, given));
            }
        }

        return views;
    }

    private static IrsaPolicyTemplate View(RenderedPolicyTemplate rendered, TemplateRenderContext context, IReadOnlyDictionary<string, IReadOnlyList<string>>? given)
    {
        var template = rendered.Template;
        return new IrsaPolicyTemplate
        {
            Name = template.Name,
            Controller = template.Controller,
            Version = template.Version,
            IsLatest = PolicyTemplateCatalog.IsLatest(template),
            Summary = template.Summary,
            TemplateRole = rendered.Role.Name,
            Namespace = rendered.Role.Namespace,
            ServiceAccountName = rendered.Role.ServiceAccounts,
            ManagedPolicyArns = rendered.ManagedPolicyArns,
            InlinePolicyName = rendered.InlinePolicy is null ? null : rendered.InlinePolicyName,
            Policy = rendered.InlinePolicy is null ? null : PolicyJsonFormat.Indent(rendered.InlinePolicy),
            PolicySize = rendered.Size,
            FitsManagedPolicy = rendered.FitsManagedPolicy,
            FitsInlinePolicies = rendered.FitsInlinePolicies,
            Parameters = template.Parameters.Select(p => new IrsaPolicyTemplateParameter
            {
                Name = p.Name,
                WhenOmitted = p.WhenOmitted.ToString(),
                Multiple = p.Multiple,
                Description = p.Description,
                Value = Value(p, context, given),
            }).ToList(),
            MissingParameters = rendered.Missing,
            UnscopedParameters = rendered.Unscoped,
            Source = template.Sources.Select(s => s.Repository is not null
                ? $"{s.Repository} {s.Path} @ {s.Ref} ({s.Commit}), read {s.Read}{(s.Note is null ? string.Empty : ": " + s.Note)}"
                : $"{s.Url}, read {s.Read}{(s.Note is null ? string.Empty : ": " + s.Note)}").ToList(),
            Licence = template.Licence,
            Notes = template.Notes,
        };
    }

    private static IReadOnlyList<string> Value(TemplateParameter parameter, TemplateRenderContext context, IReadOnlyDictionary<string, IReadOnlyList<string>>? given)
    {
        if (parameter.WhenOmitted == TemplateParameterOmission.FromCluster)
        {
            var value = parameter.Name switch
            {
                "ClusterName" => context.ClusterName,
                "Region" => context.Region,
                "AccountId" => context.AccountId,
                _ => null,
            };
            return value is null ? [] : [value];
        }

        return given?.FirstOrDefault(g => string.Equals(g.Key, parameter.Name, System.StringComparison.OrdinalIgnoreCase)).Value ?? [];
    }
}
