using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace IrsaPS.Isolation;

/// <summary>
/// Installs the isolation (PowerShell 7.4 and later). The cmdlet assembly (IrsaPS.dll) lives in the default load context; when it
/// first needs IrsaPS.Core, the default context cannot find it (it sits in <c>deps/core</c>, where PowerShell does not
/// probe) and raises <see cref="AssemblyLoadContext.Resolving"/>: this handler answers for IrsaPS.Core only, from the
/// private <see cref="IrsaLoadContext"/>. Everything IrsaPS.Core references then resolves inside that context, except
/// the output types (IrsaPS.Models.dll, next to IrsaPS.dll), which live in the default context so that the cmdlets, the
/// core and scripts (<c>[IrsaPS.Core.Models.IrsaSeverity]::High</c>) all see the same types.
/// Loaded by path and called by reflection from IrsaPS.dll's module initializer, so this assembly is never found by
/// PowerShell's probing and the cmdlet assembly holds no reference to it.
/// </summary>
public static class DependencyIsolation
{
    /// <summary>The only assembly the default context is allowed to take from the private context.</summary>
    public const string BridgeAssemblyName = "IrsaPS.Core";

    /// <summary>The assembly both contexts share, loaded into the default context from the module folder.</summary>
    public const string SharedAssemblyName = "IrsaPS.Models";

    private static string? s_sharedPath;

    private static readonly object Gate = new();
    private static IrsaLoadContext? s_context;
    private static bool s_resolving;

    /// <summary>The private context, once installed.</summary>
    public static AssemblyLoadContext? Context => s_context;

    /// <summary>True while the default context's Resolving event is answered for IrsaPS.Core (between Install and Uninstall).</summary>
    public static bool IsInstalled
    {
        get
        {
            lock (Gate)
            {
                return s_resolving;
            }
        }
    }

    /// <summary>
    /// Idempotent: a second import of the module reuses the first context, and an import after Remove-Module
    /// (Import-Module -Force does both) answers for IrsaPS.Core again.
    /// </summary>
    public static void Install(string dependencyDirectory)
    {
        lock (Gate)
        {
            s_context ??= new IrsaLoadContext(dependencyDirectory);
            s_sharedPath ??= SharedPathFor(dependencyDirectory);
            if (!s_resolving)
            {
                AssemblyLoadContext.Default.Resolving += OnDefaultResolving;
                s_resolving = true;
            }
        }
    }

    /// <summary>Stops answering for IrsaPS.Core (Remove-Module). Loaded assemblies stay loaded: .NET cannot unload them from a non-collectible context.</summary>
    public static void Uninstall()
    {
        lock (Gate)
        {
            if (s_resolving)
            {
                AssemblyLoadContext.Default.Resolving -= OnDefaultResolving;
                s_resolving = false;
            }
        }
    }

    /// <summary>
    /// The shared output-type assembly in the default context: the one already loaded, else the module's copy
    /// (<c>deps/core/../../IrsaPS.Models.dll</c>). Null when the module has none (a development layout).
    /// </summary>
    public static Assembly? LoadSharedAssembly()
    {
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, SharedAssemblyName, StringComparison.Ordinal));
        if (loaded is not null)
        {
            return loaded;
        }

        var path = s_sharedPath;
        return path is not null && File.Exists(path) ? AssemblyLoadContext.Default.LoadFromAssemblyPath(path) : null;
    }

    private static string SharedPathFor(string dependencyDirectory)
    {
        var moduleDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(dependencyDirectory).TrimEnd(Path.DirectorySeparatorChar)));
        return Path.Combine(moduleDirectory ?? ".", SharedAssemblyName + ".dll");
    }

    private static Assembly? OnDefaultResolving(AssemblyLoadContext context, AssemblyName name)
    {
        if (string.Equals(name.Name, SharedAssemblyName, StringComparison.Ordinal))
        {
            return LoadSharedAssembly();
        }

        var isolated = s_context;
        if (isolated is null || !string.Equals(name.Name, BridgeAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        return isolated.LoadFromAssemblyName(name);
    }
}
