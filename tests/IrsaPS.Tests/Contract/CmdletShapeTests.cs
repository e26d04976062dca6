using System.Linq;
using Xunit;

namespace IrsaPS.Tests.Contract;

public class CmdletShapeTests
{
    [Fact]
    public void TheCompiledCmdletsAreExactlyTheContract() =>
        Assert.Equal(CompiledModule.ContractCmdlets.OrderBy(n => n), CompiledModule.Cmdlets.Select(c => c.Name).OrderBy(n => n));

    [Fact]
    public void EveryCmdletUsesAnApprovedVerbAndTheIrsaNounPrefix()
    {
        foreach (var cmdlet in CompiledModule.Cmdlets)
        {
            Assert.True(CompiledModule.ApprovedVerbs.Contains(cmdlet.Verb), $"{cmdlet.Name}: '{cmdlet.Verb}' is not an approved verb.");
            Assert.StartsWith("Irsa", cmdlet.Noun, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryCmdletIsASealedClassNamedAfterIt()
    {
        foreach (var cmdlet in CompiledModule.Cmdlets)
        {
            Assert.True(cmdlet.IsSealed, $"{cmdlet.TypeName} is not sealed.");
            Assert.EndsWith("." + cmdlet.Verb + cmdlet.Noun + "Command", cmdlet.TypeName, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryWriterSupportsShouldProcess()
    {
        // New-IrsaTrustPolicy builds a document offline and writes nothing anywhere (like New-TimeSpan): no -WhatIf.
        var writers = CompiledModule.Cmdlets.Where(c => CompiledModule.WritingVerbs.Contains(c.Verb) && c.Name != "New-IrsaTrustPolicy").ToList();
        Assert.NotEmpty(writers);
        foreach (var cmdlet in writers)
        {
            Assert.True(cmdlet.SupportsShouldProcess, $"{cmdlet.Name} writes but does not support -WhatIf/-Confirm.");
        }
    }

    [Fact]
    public void ReadersDoNotPretendToWrite()
    {
        foreach (var cmdlet in CompiledModule.Cmdlets.Where(c => c.Verb is "Get" || c.Name is "New-IrsaTrustPolicy" or "Test-IrsaTrust"))
        {
            Assert.False(cmdlet.SupportsShouldProcess, $"{cmdlet.Name} only reads and should not offer -WhatIf.");
        }
    }

    [Fact]
    public void DeletionsHaveHighConfirmImpact()
    {
        foreach (var cmdlet in CompiledModule.Cmdlets.Where(c => c.Verb is "Remove" or "Unregister"))
        {
            Assert.Equal("High", cmdlet.ConfirmImpact);
        }
    }

    [Fact]
    public void EveryCmdletDeclaresItsOutputType()
    {
        foreach (var cmdlet in CompiledModule.Cmdlets)
        {
            Assert.True(cmdlet.OutputTypes.Count > 0, $"{cmdlet.Name} has no [OutputType].");
            Assert.All(cmdlet.OutputTypes, t => Assert.False(t.StartsWith("Amazon.", System.StringComparison.Ordinal), $"{cmdlet.Name} outputs an SDK type {t}."));
        }
    }

    [Fact]
    public void WritersThatCanBeForcedSayForce()
    {
        foreach (var cmdlet in CompiledModule.Cmdlets.Where(c => c.ConfirmImpact == "High"))
        {
            Assert.Contains(cmdlet.Parameters, p => p.Name == "Force" && p.IsSwitch);
        }
    }

    [Fact]
    public void NoParameterNameOrAliasCollidesWithAnotherOrWithACommonParameter()
    {
        // PowerShell refuses to build the metadata of a cmdlet whose parameter names and aliases are not unique, common
        // parameters included (the cmdlet then fails on every call and in Get-Command -Syntax).
        string[] common =
        [
            "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa",
            "ProgressAction", "proga", "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv",
            "OutVariable", "ov", "OutBuffer", "ob", "PipelineVariable", "pv", "WhatIf", "wi", "Confirm", "cf", "UseTransaction", "usetx",
        ];
        foreach (var cmdlet in CompiledModule.Cmdlets)
        {
            var names = cmdlet.Parameters.SelectMany(p => p.BindingNames).Concat(common).ToList();
            var duplicates = names.GroupBy(n => n, System.StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, $"{cmdlet.Name}: {string.Join(", ", duplicates)} name more than one parameter.");
        }
    }

    [Fact]
    public void PositionsAreUniqueInEveryParameterSet()
    {
        // Two parameters at the same position in one set make PowerShell reject the cmdlet's metadata.
        foreach (var cmdlet in CompiledModule.Cmdlets)
        {
            foreach (var set in cmdlet.ParameterSetNames)
            {
                var positions = cmdlet.Parameters
                    .SelectMany(p => p.Sets.Where(s => (s.SetName == set || s.SetName == Packager.CmdletDescriptor.AllParameterSets) && s.Position != int.MinValue).Select(s => (p.Name, s.Position)))
                    .GroupBy(x => x.Position)
                    .Where(g => g.Count() > 1)
                    .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Name))}")
                    .ToList();
                Assert.True(positions.Count == 0, $"{cmdlet.Name} [{set}] has shared positions {string.Join("; ", positions)}.");
            }
        }
    }

    [Fact]
    public void ClusterFacingCmdletsBindTheSharedConnectionParameters()
    {
        foreach (var cmdlet in CompiledModule.Cmdlets.Where(c => c.Name is not "New-IrsaTrustPolicy" and not "Get-IrsaPolicyTemplate")) // Get-IrsaPolicyTemplate is offline
        {
            foreach (var name in CompiledModule.AwsConnectionParameters)
            {
                Assert.Contains(cmdlet.Parameters, p => p.Name == name);
            }
        }
    }
}
