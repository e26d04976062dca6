using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace IrsaPS.Isolation;

/// <summary>
/// The private load context of IrsaPS. It serves IrsaPS.Core and every assembly that ships in the module's
/// <c>deps/core</c> folder (KubernetesClient, YamlDotNet, AWSSDK.Core, AWSSDK.SecurityToken, System.Text.Json, ...), so other
/// modules' versions of those assemblies (AWS.Tools, powershell-yaml) never meet ours. Anything not in that folder
/// (the framework, System.Management.Automation) falls through to the default context.
/// </summary>
public sealed class IrsaLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyDirectory;

    public IrsaLoadContext(string dependencyDirectory)
        : base("IrsaPS", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
    }

    /// <summary>The folder this context loads from.</summary>
    public string DependencyDirectory => _dependencyDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null)
        {
            return null;
        }

        // The output types are shared with the default context (scripts and cmdlets see the same types): defer to it.
        if (string.Equals(assemblyName.Name, DependencyIsolation.SharedAssemblyName, System.StringComparison.Ordinal))
        {
            return DependencyIsolation.LoadSharedAssembly();
        }

        var path = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
