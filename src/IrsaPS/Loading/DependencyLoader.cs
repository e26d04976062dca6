using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace IrsaPS.Loading;

/// <summary>
/// Keeps IrsaPS's dependencies (AWSSDK.Core, AWSSDK.SecurityToken, YamlDotNet, System.Text.Json and their closure)
/// from clashing with the versions other modules load into the same session.
/// <list type="bullet">
/// <item>PowerShell 7.x (.NET 8+): IrsaPS.Core and its dependencies load into a private AssemblyLoadContext from
/// <c>deps/core</c> (IrsaPS.Isolation.dll, called by reflection because this assembly targets netstandard2.0).</item>
/// <item>Windows PowerShell 5.1 (.NET Framework): no load contexts exist and PowerShell applies no binding redirects to
/// modules, so an AppDomain.AssemblyResolve handler serves any version request for an assembly that ships in
/// <c>deps/desktop</c> (it acts as the binding redirect the module cannot have).</item>
/// <item>Both: the output types (IrsaPS.Models.dll) sit next to IrsaPS.dll and are shared by the cmdlets, the core and
/// scripts.</item>
/// </list>
/// When the module runs straight from a build folder (no <c>deps</c>), nothing is installed and normal probing applies.
/// </summary>
internal static class DependencyLoader
{
    internal const string DependencyFolder = "deps";
    internal const string CoreFolder = "core";
    internal const string DesktopFolder = "desktop";

    private static readonly object Gate = new();
    private static string? s_desktopDirectory;
    private static string? s_moduleDirectory;
    private static Assembly? s_isolation;
    private static bool s_installed;

    internal static bool IsDotNetFramework =>
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    internal static void Install(string moduleAssemblyPath)
    {
        lock (Gate)
        {
            if (s_installed)
            {
                return;
            }

            var moduleDirectory = Path.GetDirectoryName(moduleAssemblyPath) ?? ".";
            var dependencyRoot = Path.Combine(moduleDirectory, DependencyFolder);
            if (!Directory.Exists(dependencyRoot))
            {
                return; // Development layout: dependencies sit next to IrsaPS.dll.
            }

            if (IsDotNetFramework)
            {
                s_desktopDirectory = Path.Combine(dependencyRoot, DesktopFolder);
                s_moduleDirectory = moduleDirectory;
                AppDomain.CurrentDomain.AssemblyResolve += OnDesktopAssemblyResolve;
            }
            else
            {
                if (UnsupportedRuntime(Environment.Version) is { } message)
                {
                    throw new PlatformNotSupportedException(message);
                }

                var isolation = Assembly.LoadFrom(Path.Combine(moduleDirectory, "IrsaPS.Isolation.dll"));
                s_isolation = isolation;
                var install = isolation.GetType("IrsaPS.Isolation.DependencyIsolation", throwOnError: true)!
                    .GetMethod("Install", BindingFlags.Public | BindingFlags.Static)!;
                install.Invoke(null, [Path.Combine(dependencyRoot, CoreFolder)]);
            }

            s_installed = true;
        }
    }

    internal static void Uninstall()
    {
        lock (Gate)
        {
            if (!s_installed)
            {
                return;
            }

            if (s_desktopDirectory is not null)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= OnDesktopAssemblyResolve;
            }
            else
            {
                var isolation = s_isolation?.GetType("IrsaPS.Isolation.DependencyIsolation", throwOnError: false);
                isolation?.GetMethod("Uninstall", BindingFlags.Public | BindingFlags.Static)?.Invoke(null, null);
            }

            s_installed = false;
        }
    }

    /// <summary>
    /// The package's PowerShell 7 dependencies (deps/core, IrsaPS.Isolation.dll) are built for .NET 8: PowerShell 7.4 or
    /// later. On an older PowerShell 7 (.NET 6/7) loading them fails with "Could not load file or assembly System.Runtime,
    /// Version=8.0.0.0"; say what is needed instead. Null when <paramref name="runtime"/> (Environment.Version) is fine.
    /// </summary>
    internal static string? UnsupportedRuntime(Version runtime) =>
        runtime.Major >= 8
            ? null
            : $"IrsaPS needs PowerShell 7.4 or later (.NET 8+) or Windows PowerShell 5.1; this PowerShell runs on .NET {runtime}. Install PowerShell 7.4+ (https://aka.ms/powershell).";

    /// <summary>
    /// Maps a requested assembly to the file that ships in <paramref name="directory"/>, whatever version was asked
    /// for (the binding redirect .NET Framework will not apply for a module). Null when we do not ship it.
    /// </summary>
    internal static string? FindShippedAssembly(string directory, string requestedFullName)
    {
        string? simpleName;
        try
        {
            simpleName = new AssemblyName(requestedFullName).Name;
        }
        catch (Exception ex) when (ex is ArgumentException or FileLoadException)
        {
            return null;
        }

        if (string.IsNullOrEmpty(simpleName)
            || simpleName!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || simpleName.IndexOfAny(['/', '\\']) >= 0
            || simpleName.StartsWith(".", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(directory, simpleName + ".dll");
        return File.Exists(path) ? path : null;
    }

    private static Assembly? OnDesktopAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        var directory = s_desktopDirectory;
        if (directory is null)
        {
            return null;
        }

        // deps/desktop first; then the module folder, which holds the output types (IrsaPS.Models) that IrsaPS.dll and
        // IrsaPS.Core share — one copy, so both see the same types.
        var path = FindShippedAssembly(directory, args.Name)
            ?? (s_moduleDirectory is null ? null : FindShippedAssembly(s_moduleDirectory, args.Name));
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
