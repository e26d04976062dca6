using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace IrsaPS.Packager;

/// <summary>Where the pieces come from, and where the module goes.</summary>
public sealed record PackageInputs(string RepositoryRoot, string Configuration, string OutputRoot)
{
    public string CmdletBuild => Path.Combine(RepositoryRoot, "src", "IrsaPS", "bin", Configuration, "net8.0");

    public string IsolationBuild => Path.Combine(RepositoryRoot, "src", "IrsaPS.Isolation", "bin", Configuration, "net8.0");

    public string ManifestSource => Path.Combine(RepositoryRoot, "IrsaPS.psd1");

    public string ModuleFiles => Path.Combine(RepositoryRoot, "module");

    public string HelpSource => Path.Combine(RepositoryRoot, "docs", "en-US");

    public string BuildProps => Path.Combine(RepositoryRoot, "Directory.Build.props");
}

/// <summary>
/// Assembles output/IrsaPS/&lt;version&gt;/:
/// <code>
/// IrsaPS.psd1                 manifest, version stamped
/// IrsaPS.dll                  the cmdlets (net8.0, default load context)
/// IrsaPS.Models.dll           the output types, shared by cmdlets, core and scripts (default load context)
/// IrsaPS.Isolation.dll        the private AssemblyLoadContext
/// IrsaPS.Format.ps1xml        table views
/// en-US/IrsaPS.dll-Help.xml   MAML generated from docs/en-US
/// en-US/about_IrsaPS.help.txt
/// deps/core/                  IrsaPS.Core + .NET 8 builds of its dependencies (KubernetesClient, YamlDotNet, AWSSDK.Core, System.Text.Json...)
/// </code>
/// Checks on the way: the manifest exports exactly the compiled cmdlets, and every cmdlet's help is complete.
/// </summary>
public static class ModuleLayout
{
    public const string ModuleName = "IrsaPS";

    /// <summary>At the root: the cmdlets and the output types they share with the core and with scripts (default load context).</summary>
    private static readonly string[] RootAssemblies = ["IrsaPS.dll", "IrsaPS.Models.dll"];

    public static string Assemble(PackageInputs inputs, TextWriter log)
    {
        var version = ModuleManifest.VersionFromBuildProps(inputs.BuildProps);
        var numericVersion = version.Split('-')[0];
        var target = Path.Combine(inputs.OutputRoot, ModuleName, numericVersion);
        RequireFile(Path.Combine(inputs.CmdletBuild, "IrsaPS.dll"), "Build src/IrsaPS first (dotnet build -c " + inputs.Configuration + ").");
        RequireFile(Path.Combine(inputs.IsolationBuild, "IrsaPS.Isolation.dll"), "Build src/IrsaPS.Isolation first.");

        var cmdlets = CmdletCatalog.Read(Path.Combine(inputs.CmdletBuild, "IrsaPS.dll"));
        var manifestText = File.ReadAllText(inputs.ManifestSource);
        var exported = ModuleManifest.CmdletsToExport(manifestText);
        var compiled = cmdlets.Select(c => c.Name).ToList();
        var missing = compiled.Except(exported, StringComparer.Ordinal).ToList();
        var extra = exported.Except(compiled, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new InvalidDataException(
                $"IrsaPS.psd1 CmdletsToExport does not match the compiled cmdlets. Not exported: [{string.Join(", ", missing)}]; exported but not compiled: [{string.Join(", ", extra)}].");
        }

        var helpProblems = HelpCompleteness.Check(cmdlets, inputs.HelpSource);
        if (helpProblems.Count > 0)
        {
            throw new InvalidDataException("Help is incomplete:\n  " + string.Join("\n  ", helpProblems));
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "IrsaPS.psd1"), ModuleManifest.Stamp(manifestText, version));
        foreach (var name in RootAssemblies)
        {
            File.Copy(Path.Combine(inputs.CmdletBuild, name), Path.Combine(target, name));
        }

        File.Copy(Path.Combine(inputs.IsolationBuild, "IrsaPS.Isolation.dll"), Path.Combine(target, "IrsaPS.Isolation.dll"));
        CopyAssemblies(inputs.IsolationBuild, Path.Combine(target, "deps", "core"), exclude: ["IrsaPS.Isolation.dll", "IrsaPS.Models.dll"]);

        foreach (var file in Directory.GetFiles(inputs.ModuleFiles, "*.ps1xml"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        var culture = Path.Combine(target, "en-US");
        Directory.CreateDirectory(culture);
        foreach (var file in Directory.GetFiles(Path.Combine(inputs.ModuleFiles, "en-US")))
        {
            File.Copy(file, Path.Combine(culture, Path.GetFileName(file)));
        }

        var help = cmdlets.ToDictionary(c => c.Name, c => HelpMarkdown.ParseFile(Path.Combine(inputs.HelpSource, c.Name + ".md")), StringComparer.Ordinal);
        MamlWriter.Write(Path.Combine(culture, "IrsaPS.dll-Help.xml"), cmdlets, help);

        log.WriteLine($"IrsaPS {version}: {cmdlets.Count} cmdlets, help complete, packaged at {target}");
        return target;
    }

    private static void CopyAssemblies(string from, string to, IReadOnlyCollection<string> exclude)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*.dll"))
        {
            var name = Path.GetFileName(file);
            if (!exclude.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                File.Copy(file, Path.Combine(to, name));
            }
        }
    }

    private static void RequireFile(string path, string hint)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing. {hint}", path);
        }
    }
}
