using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace IrsaPS.Packager;

/// <summary>
/// The help rule: every cmdlet has a page with a synopsis, a description, at least two examples with code, an outputs
/// section, and a description for every parameter it declares (including the shared connection parameters). The build
/// refuses to package a module that breaks it, and a test fails on it.
/// </summary>
public static class HelpCompleteness
{
    public const int MinimumExamples = 2;

    public static IReadOnlyList<string> Check(IReadOnlyList<CmdletDescriptor> cmdlets, string helpDirectory)
    {
        var problems = new List<string>();
        foreach (var cmdlet in cmdlets)
        {
            var path = Path.Combine(helpDirectory, cmdlet.Name + ".md");
            if (!File.Exists(path))
            {
                problems.Add($"{cmdlet.Name}: no help page at {path}.");
                continue;
            }

            var help = HelpMarkdown.ParseFile(path);
            problems.AddRange(Check(cmdlet, help).Select(p => $"{cmdlet.Name}: {p}"));
        }

        return problems;
    }

    public static IEnumerable<string> Check(CmdletDescriptor cmdlet, HelpDocument help)
    {
        if (!string.Equals(help.CommandName, cmdlet.Name, StringComparison.Ordinal))
        {
            yield return $"the page's title is '{help.CommandName}', expected '{cmdlet.Name}'.";
        }

        if (string.IsNullOrWhiteSpace(help.Synopsis))
        {
            yield return "no SYNOPSIS.";
        }

        if (string.IsNullOrWhiteSpace(help.Description))
        {
            yield return "no DESCRIPTION.";
        }

        var examples = help.Examples.Where(e => !string.IsNullOrWhiteSpace(e.Code)).ToList();
        if (examples.Count < MinimumExamples)
        {
            yield return $"{examples.Count} example(s) with code; at least {MinimumExamples} are required.";
        }

        foreach (var example in examples.Where(e => !e.Code.Contains(cmdlet.Name, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"example '{example.Title}' does not use {cmdlet.Name}.";
        }

        if (help.Outputs.Count == 0)
        {
            yield return "no OUTPUTS.";
        }

        foreach (var parameter in cmdlet.Parameters)
        {
            if (!help.Parameters.TryGetValue(parameter.Name, out var text) || string.IsNullOrWhiteSpace(text))
            {
                yield return $"parameter -{parameter.Name} has no description.";
            }
        }

        foreach (var documented in help.Parameters.Keys)
        {
            if (!cmdlet.Parameters.Any(p => string.Equals(p.Name, documented, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"the page documents -{documented}, which the cmdlet does not have.";
            }
        }
    }
}
