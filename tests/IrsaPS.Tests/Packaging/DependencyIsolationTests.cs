using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace IrsaPS.Tests.Packaging;

/// <summary>
/// PowerShell 7 scenario: AWS.Tools.Common has already loaded its AWSSDK.Core into the default load context when
/// IrsaPS is imported. IrsaPS.Core must still get the AWSSDK.Core (and System.Text.Json, YamlDotNet) it ships with,
/// from its private load context, and the default context must keep the other module's copy.
/// </summary>
public class DependencyIsolationTests : IClassFixture<PackagedModule>
{
    private readonly PackagedModule _module;

    public DependencyIsolationTests(PackagedModule module) => _module = module;

    [Fact]
    public void IrsaPSCoreLoadsItsOwnAwsSdkCoreBesideAConflictingOne()
    {
        // 1. Another module's AWSSDK.Core, loaded first (a separate context stands in for "whatever got there first").
        var conflictingPath = typeof(DependencyIsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "ConflictingAwsSdkCore").Value!;
        Assert.True(File.Exists(conflictingPath), $"The conflicting AWSSDK.Core 4.0.101 was not downloaded to {conflictingPath}.");
        var awsTools = new AssemblyLoadContext("AWS.Tools.Common (stand-in)");
        var theirs = awsTools.LoadFromAssemblyPath(conflictingPath);

        // 2. Import: the module initializer installs the isolation from the packaged IrsaPS.Isolation.dll.
        var isolation = Assembly.LoadFrom(Path.Combine(_module.Directory, "IrsaPS.Isolation.dll"));
        var depsCore = Path.Combine(_module.Directory, "deps", "core");
        isolation.GetType("IrsaPS.Isolation.DependencyIsolation", throwOnError: true)!
            .GetMethod("Install")!.Invoke(null, [depsCore]);

        // 3. The cmdlet assembly (default context) asks for IrsaPS.Core: it resolves into the private context.
        var core = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("IrsaPS.Core"));
        var coreContext = AssemblyLoadContext.GetLoadContext(core)!;
        Assert.Equal("IrsaPS", coreContext.Name);
        Assert.Equal(Path.GetFullPath(Path.Combine(depsCore, "IrsaPS.Core.dll")), Path.GetFullPath(core.Location));

        // 4. Everything IrsaPS.Core references comes from deps/core, never from the other module.
        foreach (var name in new[] { "AWSSDK.Core", "AWSSDK.SecurityToken", "YamlDotNet", "System.Text.Json" })
        {
            var reference = core.GetReferencedAssemblies().Single(r => r.Name == name);
            var resolved = coreContext.LoadFromAssemblyName(reference);
            Assert.Equal(Path.GetFullPath(Path.Combine(depsCore, name + ".dll")), Path.GetFullPath(resolved.Location));
            Assert.Same(coreContext, AssemblyLoadContext.GetLoadContext(resolved));
        }

        // 5. The output types are shared, not isolated: IrsaPS.Core's IrsaPS.Models is the default context's copy from the
        //    module folder, the one the cmdlets and scripts ([IrsaPS.Core.Models.IrsaSeverity]::High) see.
        var modelsFromCore = coreContext.LoadFromAssemblyName(core.GetReferencedAssemblies().Single(r => r.Name == "IrsaPS.Models"));
        var modelsFromDefault = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("IrsaPS.Models"));
        Assert.Same(modelsFromDefault, modelsFromCore);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(modelsFromCore));
        Assert.Equal(Path.GetFullPath(Path.Combine(_module.Directory, "IrsaPS.Models.dll")), Path.GetFullPath(modelsFromCore.Location));
        var severity = modelsFromDefault.GetType("IrsaPS.Core.Models.IrsaSeverity", throwOnError: true)!;
        var failOn = core.GetType("IrsaPS.Core.Audit.AuditResult", throwOnError: true)!.GetMethod("HasFindingsAtOrAbove")!;
        Assert.Same(severity, failOn.GetParameters()[0].ParameterType);

        var ours = coreContext.LoadFromAssemblyName(new AssemblyName("AWSSDK.Core"));
        Assert.NotSame(theirs, ours);
        Assert.NotEqual(FileVersion(theirs), FileVersion(ours));

        // 6. And it works: the private AWSSDK.Core is usable.
        var credentialsType = ours.GetType("Amazon.Runtime.BasicAWSCredentials", throwOnError: true)!;
        var credentials = Activator.CreateInstance(credentialsType, "AKIDEXAMPLE", "secret")!;
        var immutable = credentialsType.GetMethod("GetCredentials")!.Invoke(credentials, null)!;
        Assert.Equal("AKIDEXAMPLE", immutable.GetType().GetProperty("AccessKey")!.GetValue(immutable));
    }

    [Fact]
    public void ImportAfterRemoveModuleAnswersForIrsaPSCoreAgain()
    {
        // Import-Module -Force (and Remove-Module + Import-Module) runs OnRemove, then OnImport again in the same process:
        // the second Install must attach the resolver again, or IrsaPS.Core cannot be found once the module is re-imported.
        var isolation = Assembly.LoadFrom(Path.Combine(_module.Directory, "IrsaPS.Isolation.dll"))
            .GetType("IrsaPS.Isolation.DependencyIsolation", throwOnError: true)!;
        var depsCore = Path.Combine(_module.Directory, "deps", "core");
        bool Installed() => (bool)isolation.GetProperty("IsInstalled")!.GetValue(null)!;

        isolation.GetMethod("Install")!.Invoke(null, [depsCore]);
        Assert.True(Installed());
        isolation.GetMethod("Uninstall")!.Invoke(null, null);
        Assert.False(Installed());
        isolation.GetMethod("Install")!.Invoke(null, [depsCore]);
        Assert.True(Installed());

        var core = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("IrsaPS.Core"));
        Assert.Equal("IrsaPS", AssemblyLoadContext.GetLoadContext(core)!.Name);
    }

    private static string? FileVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;
}
