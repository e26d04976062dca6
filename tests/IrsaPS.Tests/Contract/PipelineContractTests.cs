using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Packager;
using Xunit;

namespace IrsaPS.Tests.Contract;

/// <summary>
/// The contract pipeline (docs/architecture.md, public contract) must bind by property name:
/// Get-IrsaCluster prod | New-IrsaRole -RoleName app -Namespace web -ServiceAccountName app -PolicyArn $arn | Set-IrsaServiceAccount | Test-IrsaTrust
/// </summary>
public class PipelineContractTests
{
    public static TheoryData<string, string, string[]> ContractLinks => new()
    {
        { "Get-IrsaCluster", "New-IrsaRole", ["RoleName", "Namespace", "ServiceAccountName", "PolicyArn"] },
        { "New-IrsaRole", "Set-IrsaServiceAccount", [] },
        { "Set-IrsaServiceAccount", "Test-IrsaTrust", [] },
        { "Get-IrsaRole", "Remove-IrsaRole", [] },
        { "Get-IrsaServiceAccount", "Test-IrsaTrust", [] },
        { "Get-IrsaServiceAccount", "Remove-IrsaServiceAccount", [] },
        { "Get-IrsaCluster", "Register-IrsaOidcProvider", [] },
        { "Get-IrsaOidcProvider", "Unregister-IrsaOidcProvider", [] },
    };

    [Theory]
    [MemberData(nameof(ContractLinks))]
    public void EveryMandatoryParameterNotGivenIsFedByTheUpstreamOutput(string upstream, string downstream, string[] given)
    {
        var up = CompiledModule.Get(upstream);
        var down = CompiledModule.Get(downstream);
        var properties = up.OutputTypeProperties.Values.SelectMany(p => p).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.NotEmpty(properties);

        // Some parameter set of the downstream cmdlet must be satisfiable from the upstream object plus the given parameters.
        var sets = down.ParameterSetNames.ToList();
        var satisfiable = sets.Where(set => down.Parameters
            .Where(p => p.Sets.Any(s => (s.SetName == set || s.SetName == CmdletDescriptor.AllParameterSets) && s.Mandatory))
            .All(p => given.Contains(p.Name) || (p.AcceptsPipelineByPropertyName && p.BindingNames.Any(properties.Contains)))).ToList();
        Assert.True(satisfiable.Count > 0, $"{upstream} | {downstream}: no parameter set of {downstream} can be bound from {string.Join(", ", up.OutputTypes)}.");
    }

    [Fact]
    public void TheIdentityKeysFlowThroughTheContractPipeline()
    {
        foreach (var name in new[] { "Get-IrsaCluster", "New-IrsaRole", "Set-IrsaServiceAccount", "Get-IrsaRole", "Get-IrsaServiceAccount" })
        {
            var cmdlet = CompiledModule.Get(name);
            var properties = cmdlet.OutputTypeProperties.Values.SelectMany(p => p).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("ClusterName", properties);
        }

        foreach (var name in new[] { "New-IrsaRole", "Set-IrsaServiceAccount", "Get-IrsaRole", "Get-IrsaServiceAccount", "Test-IrsaTrust" })
        {
            var properties = CompiledModule.Get(name).OutputTypeProperties.Values.SelectMany(p => p).ToHashSet(StringComparer.Ordinal);
            foreach (var key in new[] { "Namespace", "ServiceAccountName", "RoleName", "RoleArn" })
            {
                Assert.True(properties.Contains(key), $"{name}'s output lacks {key}.");
            }
        }
    }

    [Fact]
    public void PipelineBindingIsNarrowOnlyIdentityKeysBindByPropertyName()
    {
        var identityKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ClusterName", "Name", "Namespace", "ServiceAccountName", "RoleName", "RoleArn", "Arn", "Issuer", "Audience", "AccountId", "Region", "AssociationId",
        };
        foreach (var cmdlet in CompiledModule.Cmdlets)
        {
            foreach (var parameter in cmdlet.Parameters.Where(p => p.AcceptsPipelineByPropertyName))
            {
                Assert.True(parameter.BindingNames.Any(identityKeys.Contains), $"{cmdlet.Name} -{parameter.Name} binds by property name but is not an identity key.");
            }
        }
    }

    [Fact]
    public void EveryPropertyNameBindingMatchesSomeModuleOutput()
    {
        var allProperties = CompiledModule.Cmdlets.SelectMany(c => c.OutputTypeProperties.Values).SelectMany(p => p).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var cmdlet in CompiledModule.Cmdlets)
        {
            foreach (var parameter in cmdlet.Parameters.Where(p => p.AcceptsPipelineByPropertyName))
            {
                Assert.True(parameter.BindingNames.Any(allProperties.Contains), $"{cmdlet.Name} -{parameter.Name} binds by property name, but no IrsaPS output has such a property.");
            }
        }
    }
}
