using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Operations;

namespace IrsaPS.Core.Templates;

/// <summary>Tab completion over the catalog (offline): entry names, an entry's versions, an entry's roles.</summary>
public static class TemplateCompletion
{
    public static IReadOnlyList<string> Names(string? typed) => CompletionQueries.Filter(PolicyTemplateCatalog.Names, typed);

    /// <summary>The versions of <paramref name="name"/> (of every entry when null), newest first.</summary>
    public static IReadOnlyList<string> Versions(string? name, string? typed)
    {
        var versions = name is null
            ? PolicyTemplateCatalog.All.Select(t => t.Version)
            : PolicyTemplateCatalog.Versions(name);
        var matching = new HashSet<string>(CompletionQueries.Filter(versions, typed), System.StringComparer.Ordinal);
        return versions.Where(matching.Contains).Distinct().OrderByDescending(v => v, Comparer<string>.Create(PolicyTemplateCatalog.CompareVersions)).ToList();
    }

    /// <summary>The roles of <paramref name="name"/> (of every entry when null).</summary>
    public static IReadOnlyList<string> Roles(string? name, string? typed)
    {
        var templates = name is null
            ? PolicyTemplateCatalog.Latest
            : PolicyTemplateCatalog.All.Where(t => string.Equals(t.Name, name, System.StringComparison.OrdinalIgnoreCase));
        return CompletionQueries.Filter(templates.SelectMany(t => t.Roles.Select(r => r.Name)), typed);
    }
}
