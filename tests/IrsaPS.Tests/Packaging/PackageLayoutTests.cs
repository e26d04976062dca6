using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using IrsaPS.Packager;
using Xunit;

namespace IrsaPS.Tests.Packaging;

public class PackageLayoutTests : IClassFixture<PackagedModule>
{
    private readonly PackagedModule _module;

    public PackageLayoutTests(PackagedModule module) => _module = module;

    [Fact]
    public void TheFolderIsNamedAfterTheOneVersionAndTheManifestIsStampedWithIt()
    {
        var version = ModuleManifest.VersionFromBuildProps(Path.Combine(Repository.Root, "Directory.Build.props")).Split('-')[0];
        Assert.Equal(version, Path.GetFileName(_module.Directory));
        Assert.Equal("IrsaPS", Path.GetFileName(Path.GetDirectoryName(_module.Directory)));
        var manifest = File.ReadAllText(Path.Combine(_module.Directory, "IrsaPS.psd1"));
        Assert.Contains($"ModuleVersion        = '{version}'", manifest, System.StringComparison.Ordinal);
        Assert.DoesNotContain("'0.0.0'", manifest, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ThePackageHoldsWhatPublishModuleAndImportModuleNeed()
    {
        foreach (var file in new[] { "IrsaPS.psd1", "IrsaPS.dll", "IrsaPS.Isolation.dll", "IrsaPS.Format.ps1xml", "en-US/IrsaPS.dll-Help.xml", "en-US/about_IrsaPS.help.txt" })
        {
            Assert.True(File.Exists(Path.Combine(_module.Directory, file)), $"{file} is missing from the package.");
        }

        foreach (var dependency in new[] { "IrsaPS.Core.dll", "AWSSDK.Core.dll", "AWSSDK.SecurityToken.dll", "KubernetesClient.dll", "YamlDotNet.dll", "Fractions.dll", "System.Text.Json.dll" })
        {
            Assert.True(File.Exists(Path.Combine(_module.Directory, "deps", "core", dependency)), $"deps/core/{dependency} is missing.");
        }

        // PowerShell 7.4+ only: no Windows PowerShell 5.1 closure any more.
        Assert.False(Directory.Exists(Path.Combine(_module.Directory, "deps", "desktop")));
    }

    [Fact]
    public void OnlyTheCmdletsTheSharedOutputTypesAndTheIsolationShimSitAtTheRoot()
    {
        var rootAssemblies = Directory.GetFiles(_module.Directory, "*.dll").Select(Path.GetFileName).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "IrsaPS.dll", "IrsaPS.Isolation.dll", "IrsaPS.Models.dll" }, rootAssemblies);

        // One copy of the shared output types: never again under deps/, where it would become a second, isolated type identity.
        Assert.Empty(Directory.GetFiles(Path.Combine(_module.Directory, "deps"), "IrsaPS.Models.dll", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(_module.Directory, "System.Management.Automation.dll")));
        Assert.Empty(Directory.GetFiles(_module.Directory, "System.Management.Automation.dll", SearchOption.AllDirectories));
    }

    [Fact]
    public void TheMamlHelpDescribesEveryCmdletAndParameter()
    {
        var maml = XDocument.Load(Path.Combine(_module.Directory, "en-US", "IrsaPS.dll-Help.xml"));
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace mamlNs = "http://schemas.microsoft.com/maml/2004/10";
        var commands = maml.Root!.Elements(command + "command").ToList();
        Assert.Equal(CompiledModuleNames(), commands.Select(c => c.Element(command + "details")!.Element(command + "name")!.Value).OrderBy(n => n));
        foreach (var element in commands)
        {
            var name = element.Element(command + "details")!.Element(command + "name")!.Value;
            var synopsis = element.Element(command + "details")!.Element(mamlNs + "description")!.Value;
            Assert.False(string.IsNullOrWhiteSpace(synopsis), $"{name}: empty synopsis in MAML.");
            Assert.True(element.Element(command + "examples")!.Elements(command + "example").Count() >= 2, $"{name}: fewer than two examples in MAML.");
            foreach (var parameter in element.Element(command + "parameters")!.Elements(command + "parameter"))
            {
                Assert.False(string.IsNullOrWhiteSpace(parameter.Element(mamlNs + "description")!.Value), $"{name} -{parameter.Element(mamlNs + "name")!.Value}: empty description in MAML.");
            }
        }
    }

    [Fact]
    public void TheMamlSyntaxMatchesWhatPowerShellBinds()
    {
        var maml = XDocument.Load(Path.Combine(_module.Directory, "en-US", "IrsaPS.dll-Help.xml"));
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace mamlNs = "http://schemas.microsoft.com/maml/2004/10";
        XElement Command(string name) => maml.Root!.Elements(command + "command").Single(c => c.Element(command + "details")!.Element(command + "name")!.Value == name);
        static IEnumerable<XElement> Named(IEnumerable<XElement> parameters, string name) => parameters.Where(p => p.Element(XName.Get("name", "http://schemas.microsoft.com/maml/2004/10"))!.Value == name);

        // Positions as PowerShell numbers them (and docs/en-US and platyPS write them); wildcards where [SupportsWildcards].
        var name = Named(Command("Get-IrsaCluster").Element(command + "parameters")!.Elements(command + "parameter"), "Name").Single();
        Assert.Equal("0", name.Attribute("position")!.Value);
        Assert.Equal("true", name.Attribute("globbing")!.Value);
        var region = Named(Command("Get-IrsaCluster").Element(command + "parameters")!.Elements(command + "parameter"), "Region").Single();
        Assert.Equal("false", region.Attribute("globbing")!.Value);

        // Once a MAML file exists Get-Help shows only its syntax: -WhatIf and -Confirm must be in it for writers, and only for them.
        var removeRole = Command("Remove-IrsaRole");
        foreach (var item in removeRole.Element(command + "syntax")!.Elements(command + "syntaxItem"))
        {
            Assert.Single(Named(item.Elements(command + "parameter"), "WhatIf"));
            Assert.Single(Named(item.Elements(command + "parameter"), "Confirm"));
        }

        var confirm = Named(removeRole.Element(command + "parameters")!.Elements(command + "parameter"), "Confirm").Single();
        Assert.False(string.IsNullOrWhiteSpace(confirm.Element(mamlNs + "description")!.Value));
        Assert.Empty(Named(Command("Get-IrsaCluster").Descendants(command + "parameter"), "WhatIf"));

        // An example's code is only the command (copying it copies no output); its output block opens the remarks.
        var dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        var example = Command("Get-IrsaCluster").Element(command + "examples")!.Elements(command + "example").First();
        Assert.Equal("Get-IrsaCluster -Name demo", example.Element(XName.Get("code", dev))!.Value);
        Assert.StartsWith("ClusterName", example.Element(XName.Get("remarks", dev))!.Elements(mamlNs + "para").First().Value, System.StringComparison.Ordinal);
    }

    private static string[] CompiledModuleNames() => Contract.CompiledModule.Cmdlets.Select(c => c.Name).OrderBy(n => n).ToArray();
}
