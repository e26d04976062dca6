using System.IO;
using System.Linq;
using System.Xml.Linq;
using IrsaPS.Packager;
using Xunit;

namespace IrsaPS.Tests.Contract;

/// <summary>
/// Help examples: the code Get-Help shows (and a user copies) is only the ```powershell block; an ```output block goes
/// into the remarks, line breaks kept. The Pester suite (Help.Tests.ps1) parses every packaged example with PowerShell's
/// own parser.
/// </summary>
public class HelpExampleLayoutTests
{
    private const string Page = """
        # Get-Thing

        ## SYNOPSIS
        Gets things.

        ## DESCRIPTION
        Gets them.

        ## EXAMPLES

        ### Example 1: One thing
        ```powershell
        Get-Thing -Name a |
            Format-List
        ```

        ```output
        Name Value
        ---- -----
        a        1
        ```

        Shows one thing.

        ## PARAMETERS
        """;

    [Fact]
    public void TheCodeIsOnlyThePowerShellBlockAndTheOutputIsKeptApart()
    {
        var example = HelpMarkdown.Parse(Page).Examples.Single();

        Assert.Equal("Get-Thing -Name a |\n    Format-List", example.Code);
        Assert.Equal("Name Value\n---- -----\na        1", example.Output);
        Assert.Equal("Shows one thing.", example.Remarks);
        Assert.Equal(["powershell", "output"], example.Fences);
        Assert.Empty(HelpCompleteness.ExampleLayout(example));
    }

    [Fact]
    public void TheMamlCodeHasNoOutputAndTheRemarksKeepItsLines()
    {
        var help = HelpMarkdown.Parse(Page.Replace("Get-Thing", "Get-IrsaCluster", System.StringComparison.Ordinal));
        var path = Path.Combine(Path.GetTempPath(), $"irsaps-maml-{System.Guid.NewGuid():N}.xml");
        try
        {
            MamlWriter.Write(path, [CompiledModule.Get("Get-IrsaCluster")], new System.Collections.Generic.Dictionary<string, HelpDocument> { ["Get-IrsaCluster"] = help });
            XNamespace dev = "http://schemas.microsoft.com/maml/dev/2004/10";
            XNamespace maml = "http://schemas.microsoft.com/maml/2004/10";
            var example = XDocument.Load(path).Descendants().Single(e => e.Name.LocalName == "example");

            Assert.Equal("Get-IrsaCluster -Name a |\n    Format-List", example.Element(dev + "code")!.Value.Replace("\r\n", "\n", System.StringComparison.Ordinal));
            var paragraphs = example.Element(dev + "remarks")!.Elements(maml + "para").Select(p => p.Value.Replace("\r\n", "\n", System.StringComparison.Ordinal)).ToList();
            Assert.Equal(["Name Value\n---- -----\na        1", "Shows one thing."], paragraphs);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("```\nGet-Thing\n```\n", "must start with a ```powershell block")]
    [InlineData("```powershell\nGet-Thing\n```\n\n```\nName\n----\n```\n", "has a ``` block")]
    [InlineData("```powershell\nGet-Thing\n```\n\n```powershell\nGet-Thing -All\n```\n", "more than one ```powershell block")]
    [InlineData("```powershell\nGet-Thing -WhatIf\nWhat if: Performing the operation\n```\n", "has output in its code: 'What if:")]
    [InlineData("```powershell\nGet-Thing\nName  Value\n----  -----\n```\n", "has output in its code: '----  -----'")]
    [InlineData("```powershell\nPS> Get-Thing\n```\n", "has output in its code: 'PS> Get-Thing'")]
    public void ALayoutThatMixesCommandAndOutputIsRefused(string body, string problem)
    {
        var page = "# Get-Thing\n\n## EXAMPLES\n\n### Example 1: x\n" + body + "\nRemarks.\n\n## PARAMETERS\n";
        var example = HelpMarkdown.Parse(page).Examples.Single();

        Assert.Contains(HelpCompleteness.ExampleLayout(example), p => p.Contains(problem, System.StringComparison.Ordinal));
    }

    [Fact]
    public void EveryHelpPageSeparatesItsExamplesCodeFromTheirOutput()
    {
        foreach (var file in Directory.GetFiles(Repository.HelpDirectory, "*.md"))
        {
            var help = HelpMarkdown.ParseFile(file);
            Assert.NotEmpty(help.Examples);
            foreach (var example in help.Examples)
            {
                var problems = HelpCompleteness.ExampleLayout(example).ToList();
                Assert.True(problems.Count == 0, $"{Path.GetFileName(file)}, {example.Title}: {string.Join(" ", problems)}");
            }
        }
    }
}
