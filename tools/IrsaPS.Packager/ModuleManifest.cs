using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace IrsaPS.Packager;

/// <summary>
/// Reads and stamps IrsaPS.psd1 as text (no PowerShell here). The source manifest carries a placeholder version;
/// the one real version lives in Directory.Build.props and is written into the packaged copy.
/// </summary>
public static partial class ModuleManifest
{
    [GeneratedRegex(@"(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'")]
    private static partial Regex ModuleVersionPattern();

    [GeneratedRegex(@"(?m)^(\s*Prerelease\s*=\s*)'[^']*'")]
    private static partial Regex PrereleasePattern();

    [GeneratedRegex(@"(?s)CmdletsToExport\s*=\s*@\((?<list>.*?)\)")]
    private static partial Regex CmdletsToExportPattern();

    [GeneratedRegex(@"'(?<name>[^']+)'")]
    private static partial Regex QuotedPattern();

    /// <summary>The explicit CmdletsToExport list.</summary>
    public static IReadOnlyList<string> CmdletsToExport(string manifestText)
    {
        var match = CmdletsToExportPattern().Match(manifestText);
        if (!match.Success)
        {
            throw new InvalidDataException("The manifest has no explicit CmdletsToExport = @(...) list.");
        }

        return QuotedPattern().Matches(match.Groups["list"].Value).Select(m => m.Groups["name"].Value).ToList();
    }

    /// <summary>Writes <paramref name="version"/> (e.g. 0.1.0 or 0.2.0-beta1) into the manifest text.</summary>
    public static string Stamp(string manifestText, string version)
    {
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        var numeric = dash < 0 ? version : version.Substring(0, dash);
        var prerelease = dash < 0 ? string.Empty : version.Substring(dash + 1);
        if (!Version.TryParse(numeric, out _))
        {
            throw new ArgumentException($"'{version}' is not a module version.", nameof(version));
        }

        if (!ModuleVersionPattern().IsMatch(manifestText))
        {
            throw new InvalidDataException("The manifest has no ModuleVersion = '...' line.");
        }

        var stamped = ModuleVersionPattern().Replace(manifestText, m => m.Groups[1].Value + "'" + numeric + "'", 1);
        return PrereleasePattern().Replace(stamped, m => m.Groups[1].Value + "'" + prerelease + "'", 1);
    }

    /// <summary>The version stated in Directory.Build.props (VersionPrefix + optional VersionSuffix).</summary>
    public static string VersionFromBuildProps(string propsPath)
    {
        var text = File.ReadAllText(propsPath);
        var prefix = Regex.Match(text, "<VersionPrefix>([^<]+)</VersionPrefix>");
        if (!prefix.Success)
        {
            throw new InvalidDataException($"{propsPath} states no <VersionPrefix>.");
        }

        var suffix = Regex.Match(text, "<VersionSuffix>([^<]+)</VersionSuffix>");
        return suffix.Success ? prefix.Groups[1].Value + "-" + suffix.Groups[1].Value : prefix.Groups[1].Value;
    }
}
