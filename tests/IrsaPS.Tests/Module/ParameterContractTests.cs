using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Tests.Contract;
using Xunit;

namespace IrsaPS.Tests.Module;

/// <summary>What users get from every parameter: tab completion on identity keys, and the core's specific error ids for bad values.</summary>
public sealed class ParameterContractTests : IDisposable
{
    private const string CompleterAttribute = "System.Management.Automation.ArgumentCompleterAttribute";

    private static readonly Dictionary<string, string> Completers = new(StringComparer.Ordinal)
    {
        ["ClusterName"] = "IrsaPS.Completion.ClusterNameCompleter",
        ["Namespace"] = "IrsaPS.Completion.NamespaceCompleter",
        ["ServiceAccountName"] = "IrsaPS.Completion.ServiceAccountNameCompleter",
        ["RoleName"] = "IrsaPS.Completion.RoleNameCompleter",
        ["Region"] = "IrsaPS.Completion.RegionCompleter",
        ["Check"] = "IrsaPS.Completion.AuditCheckCompleter",
        ["PolicyTemplate"] = "IrsaPS.Completion.PolicyTemplateCompleter",
        ["TemplateVersion"] = "IrsaPS.Completion.PolicyTemplateVersionCompleter",
        ["TemplateRole"] = "IrsaPS.Completion.PolicyTemplateRoleCompleter",
        ["AssociationId"] = "IrsaPS.Completion.AssociationIdCompleter",
    };

    private readonly CmdletAssembly _assembly = new();

    public void Dispose() => _assembly.Dispose();

    [Fact]
    public void IdentityParametersCompleteFromAwsAndKubernetes()
    {
        var checkedCount = 0;
        foreach (var cmdlet in _assembly.CmdletTypes)
        {
            foreach (var parameter in CmdletAssembly.Parameters(cmdlet).Where(p => Completers.ContainsKey(p.Name)))
            {
                // New-IrsaTrustPolicy works offline from names the user invents: only its cluster completes.
                if (cmdlet.Name == "NewIrsaTrustPolicyCommand" && parameter.Name is "Namespace" or "ServiceAccountName")
                {
                    continue;
                }

                var completer = parameter.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == CompleterAttribute);
                Assert.True(completer is not null, $"{cmdlet.Name} -{parameter.Name} has no tab completion.");
                Assert.Equal(Completers[parameter.Name], ((Type)completer!.ConstructorArguments[0].Value!).FullName);
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 30, $"Only {checkedCount} identity parameters were found.");
    }

    [Fact]
    public void CompletersArePublicArgumentCompletersWithADefaultConstructor()
    {
        var completers = _assembly.Assembly.GetExportedTypes().Where(t => t.Namespace == "IrsaPS.Completion" && !t.IsAbstract).ToList();
        Assert.Equal(Completers.Values.OrderBy(n => n), completers.Select(t => t.FullName).OrderBy(n => n));
        foreach (var type in completers)
        {
            Assert.Contains(type.GetInterfaces(), i => i.FullName == "System.Management.Automation.IArgumentCompleter");
            Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        }
    }

    [Fact]
    public void BadValuesReachTheCoreSoErrorIdsAreSpecific()
    {
        // A ValidatePattern/ValidateRange/ValidateLength would answer with PowerShell's generic
        // ParameterArgumentValidationError instead of InvalidNamespace, InvalidTokenExpiration...
        string[] preempting =
        [
            "System.Management.Automation.ValidatePatternAttribute",
            "System.Management.Automation.ValidateRangeAttribute",
            "System.Management.Automation.ValidateLengthAttribute",
            "System.Management.Automation.ValidateScriptAttribute",
        ];
        foreach (var cmdlet in _assembly.CmdletTypes)
        {
            foreach (var parameter in CmdletAssembly.Parameters(cmdlet))
            {
                var found = parameter.GetCustomAttributesData().Select(a => a.AttributeType.FullName).Intersect(preempting).ToList();
                Assert.True(found.Count == 0, $"{cmdlet.Name} -{parameter.Name} validates with {string.Join(", ", found)}; let the core raise its specific error id.");
            }
        }
    }

    [Fact]
    public void OptionalPipelineParametersAcceptEmptyValues()
    {
        // Piped objects often carry null keys (an IrsaOidcProvider listed without its cluster, an IrsaServiceAccount read
        // without -ClusterName, a blank CSV cell): rejecting them at binding would fail every such item.
        foreach (var cmdlet in CompiledModule.Cmdlets)
        {
            foreach (var parameter in cmdlet.Parameters.Where(p => p.AcceptsPipelineByPropertyName && !p.Sets.All(s => s.Mandatory)))
            {
                var type = _assembly.CmdletTypes.Single(t => t.FullName == cmdlet.TypeName);
                var attributes = CmdletAssembly.Parameters(type).Single(p => p.Name == parameter.Name).GetCustomAttributesData().Select(a => a.AttributeType.Name).ToList();
                Assert.DoesNotContain("ValidateNotNullOrEmptyAttribute", attributes);
                Assert.DoesNotContain("ValidateNotNullAttribute", attributes);
            }
        }
    }

    [Fact]
    public void WritersThatConfirmBroadeningChangesCanBeForced()
    {
        // The core marks trust broadening and re-pointing as high impact even in Medium cmdlets: those need -Force too.
        foreach (var name in new[] { "New-IrsaRole", "Add-IrsaRoleTrust", "Set-IrsaServiceAccount" })
        {
            var cmdlet = CompiledModule.Get(name);
            Assert.True(cmdlet.SupportsShouldProcess);
            Assert.Contains(cmdlet.Parameters, p => p.Name == "Force" && p.IsSwitch);
        }
    }

    [Fact]
    public void ImportCsvRowsDriveNewIrsaRoleAndItsOutputDrivesSetIrsaServiceAccount()
    {
        var row = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "RoleName", "ClusterName", "Namespace", "ServiceAccountName" };
        AssertBindable("New-IrsaRole", row);
        var roleOutput = CompiledModule.Get("New-IrsaRole").OutputTypeProperties.Values.SelectMany(p => p).ToHashSet(StringComparer.OrdinalIgnoreCase);
        AssertBindable("Set-IrsaServiceAccount", roleOutput);

        // A row that names the role's ARN annotates directly.
        AssertBindable("Set-IrsaServiceAccount", new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Namespace", "ServiceAccountName", "RoleArn" });
    }

    [Fact]
    public void AClusterPipesIntoEveryClusterFacingCmdletThatNeedsOnlyItsName()
    {
        var cluster = CompiledModule.Get("Get-IrsaCluster").OutputTypeProperties.Values.SelectMany(p => p).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "Get-IrsaOidcProvider", "Register-IrsaOidcProvider", "Unregister-IrsaOidcProvider", "Get-IrsaRole" })
        {
            AssertBindable(name, cluster);
        }

        // And the region it was found in comes along.
        Assert.Contains(CompiledModule.Get("Register-IrsaOidcProvider").Parameters, p => p.Name == "Region" && p.AcceptsPipelineByPropertyName);
    }

    private static void AssertBindable(string cmdletName, HashSet<string> properties)
    {
        var cmdlet = CompiledModule.Get(cmdletName);
        var satisfiable = cmdlet.ParameterSetNames.Any(set => cmdlet.Parameters
            .Where(p => p.Sets.Any(s => (s.SetName == set || s.SetName == Packager.CmdletDescriptor.AllParameterSets) && s.Mandatory))
            .All(p => p.AcceptsPipelineByPropertyName && p.BindingNames.Any(properties.Contains)));
        Assert.True(satisfiable, $"{cmdletName} cannot be fed by an object with {string.Join(", ", properties)}.");
    }
}
