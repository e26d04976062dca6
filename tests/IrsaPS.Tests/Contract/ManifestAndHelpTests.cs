using System.IO;
using System.Linq;
using System.Xml.Linq;
using IrsaPS.Packager;
using Xunit;

namespace IrsaPS.Tests.Contract;

public class ManifestAndHelpTests
{
    [Fact]
    public void TheManifestExportsExactlyTheCompiledCmdlets()
    {
        var exported = ModuleManifest.CmdletsToExport(File.ReadAllText(Repository.Manifest));
        Assert.Equal(CompiledModule.Cmdlets.Select(c => c.Name).OrderBy(n => n), exported.OrderBy(n => n));
    }

    [Fact]
    public void TheManifestDeclaresEditionsFormatsAndGalleryMetadata()
    {
        var text = File.ReadAllText(Repository.Manifest);
        Assert.Contains("CompatiblePSEditions = @('Core')", text, System.StringComparison.Ordinal);
        Assert.Contains("PowerShellVersion    = '7.4'", text, System.StringComparison.Ordinal);
        Assert.Contains("FormatsToProcess     = @('IrsaPS.Format.ps1xml')", text, System.StringComparison.Ordinal);
        foreach (var key in new[] { "Tags", "LicenseUri", "ProjectUri", "ReleaseNotes" })
        {
            Assert.Contains(key, text, System.StringComparison.Ordinal);
        }

        Assert.Contains("FunctionsToExport    = @()", text, System.StringComparison.Ordinal);
        Assert.Contains("AliasesToExport      = @()", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void VersionStampingReplacesOnlyTheVersion()
    {
        var text = File.ReadAllText(Repository.Manifest);
        var stamped = ModuleManifest.Stamp(text, "1.2.3-beta4");
        Assert.Contains("ModuleVersion        = '1.2.3'", stamped, System.StringComparison.Ordinal);
        Assert.Contains("Prerelease   = 'beta4'", stamped, System.StringComparison.Ordinal);
        Assert.Equal(text.Length + "1.2.3".Length - "0.0.0".Length + "beta4".Length, stamped.Length);
    }

    [Fact]
    public void EveryCmdletAndEveryParameterHasHelp()
    {
        var problems = HelpCompleteness.Check(CompiledModule.Cmdlets, Repository.HelpDirectory);
        Assert.True(problems.Count == 0, "Help is incomplete:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void HelpCompletenessCatchesAMissingParameterDescription()
    {
        var cmdlet = CompiledModule.Get("Get-IrsaCluster");
        var page = File.ReadAllText(Path.Combine(Repository.HelpDirectory, "Get-IrsaCluster.md"));
        var help = HelpMarkdown.Parse(page);
        var withoutRegion = help with { Parameters = help.Parameters.Where(p => p.Key != "Region").ToDictionary(p => p.Key, p => p.Value) };
        Assert.Contains(HelpCompleteness.Check(cmdlet, withoutRegion), p => p.Contains("-Region", System.StringComparison.Ordinal));
        var oneExample = help with { Examples = help.Examples.Take(1).ToList() };
        Assert.Contains(HelpCompleteness.Check(cmdlet, oneExample), p => p.Contains("example", System.StringComparison.Ordinal));
    }

    [Fact]
    public void EveryViewNamesRealPropertiesAndItsRowsMatchItsHeaders()
    {
        // PowerShell rejects a table whose row has more or fewer items than headers (the whole format file fails to load),
        // and a misspelt PropertyName silently shows an empty column.
        var format = XDocument.Load(Repository.FormatFile);
        var properties = CompiledModule.Cmdlets.SelectMany(c => c.OutputTypeProperties)
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.First().Value.ToHashSet(System.StringComparer.Ordinal));
        foreach (var view in format.Descendants("View"))
        {
            var name = view.Element("Name")!.Value;
            var type = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim();
            Assert.True(properties.ContainsKey(type), $"View {name} selects {type}, which no cmdlet outputs.");
            foreach (var property in view.Descendants("PropertyName").Select(p => p.Value.Trim()))
            {
                Assert.True(properties[type].Contains(property), $"View {name}: {type} has no property {property}.");
            }

            if (view.Element("TableControl") is { } table)
            {
                var headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").Count();
                foreach (var row in table.Descendants("TableRowEntry"))
                {
                    Assert.Equal(headers, row.Element("TableColumnItems")!.Elements("TableColumnItem").Count());
                }
            }
        }
    }

    [Fact]
    public void TheFormatFileHasATableViewForEveryOutputType()
    {
        var format = XDocument.Load(Repository.FormatFile);
        var viewed = format.Descendants("ViewSelectedBy").Elements("TypeName").Select(e => e.Value.Trim()).ToHashSet();
        var outputs = CompiledModule.Cmdlets.SelectMany(c => c.OutputTypes).Where(t => t.StartsWith("IrsaPS.", System.StringComparison.Ordinal)).ToHashSet();
        Assert.NotEmpty(outputs);
        foreach (var type in outputs)
        {
            Assert.True(viewed.Contains(type), $"IrsaPS.Format.ps1xml has no view for {type}.");
        }

        foreach (var view in format.Descendants("View").Where(v => v.Element("TableControl") is not null))
        {
            var headers = view.Descendants("TableColumnHeader").ToList();
            var width = headers.Sum(h => int.TryParse(h.Element("Width")?.Value, out var w) ? w + 1 : 0);
            Assert.True(width <= 120, $"View {view.Element("Name")?.Value} is {width} characters wide; keep one object per screen-width line.");
        }
    }
}
