using System.IO;
using System.Reflection;

namespace IrsaPS.Loading;

/// <summary>
/// Keeps IrsaPS's dependencies (KubernetesClient, YamlDotNet, AWSSDK.Core, AWSSDK.SecurityToken, System.Text.Json and
/// their closure) from clashing with the versions other modules (AWS.Tools, powershell-yaml, Az.Aks) load into the same
/// session: IrsaPS.Core and its dependencies load into a private AssemblyLoadContext from <c>deps/core</c>
/// (IrsaPS.Isolation.dll, loaded by path so that PowerShell's own probing never sees it). The output types
/// (IrsaPS.Models.dll) sit next to IrsaPS.dll and are shared by the cmdlets, the core and scripts.
/// When the module runs straight from a build folder (no <c>deps</c>), nothing is installed and normal probing applies.
/// </summary>
internal static class DependencyLoader
{
    internal const string DependencyFolder = "deps";
    internal const string CoreFolder = "core";

    private static readonly object Gate = new();
    private static Assembly? s_isolation;
    private static bool s_installed;

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

            var isolation = Assembly.LoadFrom(Path.Combine(moduleDirectory, "IrsaPS.Isolation.dll"));
            s_isolation = isolation;
            var install = isolation.GetType("IrsaPS.Isolation.DependencyIsolation", throwOnError: true)!
                .GetMethod("Install", BindingFlags.Public | BindingFlags.Static)!;
            install.Invoke(null, [Path.Combine(dependencyRoot, CoreFolder)]);
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

            var isolation = s_isolation?.GetType("IrsaPS.Isolation.DependencyIsolation", throwOnError: false);
            isolation?.GetMethod("Uninstall", BindingFlags.Public | BindingFlags.Static)?.Invoke(null, null);
            s_installed = false;
        }
    }
}
