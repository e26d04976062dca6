using System;
using System.IO;
using System.Linq;
using Xunit;

namespace IrsaPS.Tests.Module;

/// <summary>
/// Get-IrsaCluster prod -Region eu-west-1 | New-IrsaRole ... | Set-IrsaServiceAccount | Test-IrsaTrust must stay in
/// eu-west-1, but IrsaRole and IrsaServiceAccount have no Region property: the cmdlets write their results through
/// IrsaAwsCmdlet.WriteResult(s), which adds the invocation's region as a note property the next cmdlet binds
/// (tests/pester/Contract.Tests.ps1 runs the pipeline with another default region). A direct WriteObject would drop it.
/// </summary>
public class RegionFlowTests
{
    [Fact]
    public void CmdletsWriteTheirResultsThroughWriteResultSoTheRegionTravels()
    {
        var sources = Directory.GetFiles(Path.Combine(Repository.Root, "src", "IrsaPS"), "*Command.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "NewIrsaTrustPolicyCommand.cs") // its policy feeds no cluster-facing cmdlet
            .Where(f => Path.GetFileName(f) != "GetIrsaPolicyTemplateCommand.cs") // offline catalog, no AWS connection
            .ToList();
        Assert.True(sources.Count >= 14, $"Only {sources.Count} cmdlet sources found.");
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains("WriteObject(", StringComparison.Ordinal), $"{Path.GetFileName(file)} calls WriteObject: use WriteResult/WriteResults so a given -Region reaches the next cmdlet.");
        }
    }
}
