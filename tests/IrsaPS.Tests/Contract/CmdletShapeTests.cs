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
    public void ClusterFacingCmdletsBindTheSharedConnectionParameters()
    {
        foreach (var cmdlet in CompiledModule.Cmdlets.Where(c => c.Name != "New-IrsaTrustPolicy"))
        {
            foreach (var name in CompiledModule.AwsConnectionParameters)
            {
                Assert.Contains(cmdlet.Parameters, p => p.Name == name);
            }
        }
    }
}
