using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Templates;

/// <summary>
/// The catalog of well-known controllers' policies shipped inside IrsaPS.Core as embedded JSON files (one per entry
/// and version, Templates/Catalog/&lt;Name&gt;-&lt;Version&gt;.json). Read once, in name order, newest version first.
/// This and <see cref="PolicyTemplateRenderer"/> are the API that role creation (IRSA or Pod Identity) calls.
/// </summary>
internal static class PolicyTemplateCatalog
{
    private const string ResourcePrefix = "IrsaPS.Core.Templates.Catalog.";
    private static IReadOnlyList<PolicyTemplate>? _all;

    /// <summary>Every entry of every version: by name, then newest version first.</summary>
    public static IReadOnlyList<PolicyTemplate> All => LazyInitializer.EnsureInitialized(ref _all, Load)!;

    /// <summary>The entry names, sorted.</summary>
    public static IReadOnlyList<string> Names => All.Select(t => t.Name).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The newest version of every entry.</summary>
    public static IReadOnlyList<PolicyTemplate> Latest => All.GroupBy(t => t.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();

    /// <summary>The versions of one entry, newest first (empty for an unknown name).</summary>
    public static IReadOnlyList<string> Versions(string name) =>
        All.Where(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)).Select(t => t.Version).ToList();

    /// <summary>True when <paramref name="template"/> is the newest version of its entry.</summary>
    public static bool IsLatest(PolicyTemplate template) =>
        ReferenceEquals(All.First(t => string.Equals(t.Name, template.Name, StringComparison.Ordinal)), template);

    /// <summary>
    /// The entry <paramref name="name"/> (case-insensitive) at <paramref name="version"/>, or its newest version when
    /// null. Throws UnknownPolicyTemplate (naming the entries) or UnknownTemplateVersion (naming its versions).
    /// </summary>
    public static PolicyTemplate Find(string name, string? version = null)
    {
        var versions = All.Where(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (versions.Count == 0)
        {
            throw new IrsaException(
                ErrorIds.UnknownPolicyTemplate,
                IrsaErrorKind.NotFound,
                $"There is no policy template '{name}'. The catalog has: {string.Join(", ", Names)}.",
                name);
        }

        if (string.IsNullOrWhiteSpace(version))
        {
            return versions[0];
        }

        return versions.FirstOrDefault(t => string.Equals(t.Version, version!.Trim().TrimStart('v', 'V'), StringComparison.OrdinalIgnoreCase))
            ?? throw new IrsaException(
                ErrorIds.UnknownTemplateVersion,
                IrsaErrorKind.NotFound,
                $"The catalog has policy template '{versions[0].Name}' in version(s) {string.Join(", ", versions.Select(v => v.Version))}, not '{version}'.",
                version);
    }

    /// <summary>Compares versions part by part, numerically where both parts are numbers (1.10 after 1.9).</summary>
    public static int CompareVersions(string left, string right)
    {
        var a = left.Split('.', '-');
        var b = right.Split('.', '-');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "0";
            var y = i < b.Length ? b[i] : "0";
            var order = long.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && long.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? m.CompareTo(n)
                : string.CompareOrdinal(x, y);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    private static IReadOnlyList<PolicyTemplate> Load()
    {
        var assembly = typeof(PolicyTemplateCatalog).GetTypeInfo().Assembly;
        var entries = new List<PolicyTemplate>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var file = resource.Substring(ResourcePrefix.Length);
            var template = PolicyTemplateReader.Read(reader.ReadToEnd(), file);
            if (!string.Equals(file, template.Name + "-" + template.Version + ".json", StringComparison.Ordinal))
            {
                throw new IrsaException(
                    ErrorIds.InvalidTemplateCatalog,
                    IrsaErrorKind.InvalidData,
                    $"The policy template catalog file {file} holds {template.Name} {template.Version}: name it {template.Name}-{template.Version}.json.",
                    file);
            }

            entries.Add(template);
        }

        entries.Sort((x, y) =>
        {
            var byName = string.CompareOrdinal(x.Name, y.Name);
            return byName != 0 ? byName : CompareVersions(y.Version, x.Version);
        });
        return entries;
    }
}
