using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace IrsaPS.Tests;

/// <summary>Where the repository and this configuration's build outputs are.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    public static string CmdletBuild => Path.Combine(Root, "src", "IrsaPS", "bin", Configuration, "net8.0");

    public static string CmdletAssembly => Path.Combine(CmdletBuild, "IrsaPS.dll");

    public static string Manifest => Path.Combine(Root, "IrsaPS.psd1");

    public static string HelpDirectory => Path.Combine(Root, "docs", "en-US");

    public static string FormatFile => Path.Combine(Root, "module", "IrsaPS.Format.ps1xml");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}
