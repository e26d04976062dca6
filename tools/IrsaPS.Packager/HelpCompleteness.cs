using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace IrsaPS.Packager;

/// <summary>
/// The help rule: every cmdlet has a page with a synopsis, a description, at least two examples with code, an outputs
/// section, and a description for every parameter it declares (including the shared connection parameters). Each
/// example is one ```powershell block with only what a user types, optionally followed by ```output blocks with what it
/// shows, so that copying the example's code (Get-Help -Examples, or the page) copies no output. The build refuses to
/// package a module that breaks it, and a test fails on it.
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

        foreach (var example in help.Examples)
        {
            foreach (var problem in ExampleLayout(example))
            {
                yield return $"example '{example.Title}' {problem}";
            }
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

    /// <summary>
    /// What is wrong with an example's layout: it must open with exactly one ```powershell block; any further block is
    /// ```output; and the code holds no line that only output would (a table rule, a "What if:" line, a prompt).
    /// </summary>
    public static IEnumerable<string> ExampleLayout(HelpExample example)
    {
        if (example.Fences.Count == 0 || !HelpMarkdown.IsPowerShell(example.Fences[0]))
        {
            yield return "must start with a ```powershell block holding the command.";
        }

        if (example.Fences.Count(HelpMarkdown.IsPowerShell) > 1)
        {
            yield return "has more than one ```powershell block; put the commands in one.";
        }

        foreach (var fence in example.Fences.Skip(1).Where(f => !HelpMarkdown.IsPowerShell(f) && !string.Equals(f, "output", StringComparison.Ordinal)))
        {
            yield return $"has a ```{fence} block; what a command shows goes in an ```output block after it.";
        }

        foreach (var line in example.Code.Split('\n').Select(l => l.Trim()).Where(LooksLikeOutput))
        {
            yield return $"has output in its code: '{line}'. Move it to an ```output block.";
        }
    }

    private static bool LooksLikeOutput(string line) =>
        line.StartsWith("What if:", StringComparison.Ordinal)
        || line.StartsWith("PS>", StringComparison.Ordinal)
        || (line.StartsWith("PS ", StringComparison.Ordinal) && line.Contains('>', StringComparison.Ordinal))
        || (line.Length > 2 && line.All(c => c == '-' || c == ' ') && line.Contains("--", StringComparison.Ordinal));
}
