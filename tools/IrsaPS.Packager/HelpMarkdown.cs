using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace IrsaPS.Packager;

/// <summary>
/// One example: its title, its PowerShell code (only what a user types, so copying it copies nothing else), the output it
/// shows (text of the ```output blocks, empty when none), the remarks, and the info string of every fenced block in
/// order (HelpCompleteness checks the layout).
/// </summary>
public sealed record HelpExample(string Title, string Code, string Remarks, string Output, IReadOnlyList<string> Fences)
{
    public HelpExample(string title, string code, string remarks)
        : this(title, code, remarks, string.Empty, ["powershell"])
    {
    }
}

/// <summary>A named item with a description (a parameter, an input or output type, a link).</summary>
public sealed record HelpItem(string Name, string Description);

/// <summary>The help page of one cmdlet, as written in docs/en-US/&lt;Verb-Noun&gt;.md (platyPS layout).</summary>
public sealed record HelpDocument(
    string CommandName,
    string Synopsis,
    string Description,
    IReadOnlyList<HelpExample> Examples,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<HelpItem> Inputs,
    IReadOnlyList<HelpItem> Outputs,
    string Notes,
    IReadOnlyList<HelpItem> RelatedLinks);

/// <summary>
/// Parses platyPS-style markdown: '# Name', then '## SYNOPSIS', '## DESCRIPTION', '## EXAMPLES' ('### Example n: title'
/// + a ```powershell block with the command + optionally an ```output block with what it shows + remarks), '## PARAMETERS' ('### -Name' + description; a yaml block is ignored because the
/// compiled metadata is authoritative), '## INPUTS' / '## OUTPUTS' ('### Type' + description), '## NOTES',
/// '## RELATED LINKS' ('[text](uri)' lines).
/// </summary>
public static class HelpMarkdown
{
    public static HelpDocument ParseFile(string path) => Parse(File.ReadAllText(path));

    public static HelpDocument Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var index = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            index = Array.FindIndex(lines, 1, l => l.Trim() == "---") + 1;
        }

        string name = string.Empty;
        var sections = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        List<string>? current = null;
        var inFence = false;
        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith("# ", StringComparison.Ordinal) && name.Length == 0)
            {
                name = line.Substring(2).Trim();
                continue;
            }

            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                current = [];
                sections[line.Substring(3).Trim()] = current;
                continue;
            }

            current?.Add(line);
        }

        return new HelpDocument(
            name,
            Text(Section(sections, "SYNOPSIS")),
            Text(Section(sections, "DESCRIPTION")),
            ParseExamples(Section(sections, "EXAMPLES")),
            ParseSubsections(Section(sections, "PARAMETERS"))
                .Where(s => s.Name.StartsWith('-'))
                .ToDictionary(s => s.Name.Substring(1), s => Text(WithoutFences(s.Body)), StringComparer.OrdinalIgnoreCase),
            ParseSubsections(Section(sections, "INPUTS")).Select(s => new HelpItem(s.Name, Text(s.Body))).ToList(),
            ParseSubsections(Section(sections, "OUTPUTS")).Select(s => new HelpItem(s.Name, Text(s.Body))).ToList(),
            Text(Section(sections, "NOTES")),
            ParseLinks(Section(sections, "RELATED LINKS")));
    }

    private static List<string> Section(Dictionary<string, List<string>> sections, string name) =>
        sections.TryGetValue(name, out var lines) ? lines : [];

    private static IEnumerable<(string Name, List<string> Body)> ParseSubsections(List<string> lines)
    {
        string? name = null;
        var body = new List<string>();
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    yield return (name, body);
                }

                name = line.Substring(4).Trim();
                body = [];
                continue;
            }

            if (name is not null)
            {
                body.Add(line);
            }
        }

        if (name is not null)
        {
            yield return (name, body);
        }
    }

    private static List<HelpExample> ParseExamples(List<string> lines)
    {
        var examples = new List<HelpExample>();
        foreach (var (title, body) in ParseSubsections(lines))
        {
            var code = new List<string>();
            var output = new List<string>();
            var remarks = new List<string>();
            var fences = new List<string>();
            List<string>? block = null;
            foreach (var line in body)
            {
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    if (block is not null)
                    {
                        block = null;
                        continue;
                    }

                    var info = trimmed.Substring(3).Trim();
                    fences.Add(info);
                    block = IsPowerShell(info) ? code : output;
                    if (block.Count > 0)
                    {
                        block.Add(string.Empty); // A blank line between two blocks of the same kind.
                    }

                    continue;
                }

                if (block is not null)
                {
                    block.Add(line);
                }
                else if (fences.Count > 0)
                {
                    remarks.Add(line);
                }
            }

            examples.Add(new HelpExample(title, string.Join("\n", code).TrimEnd('\n'), Text(remarks), string.Join("\n", output).TrimEnd('\n'), fences));
        }

        return examples;
    }

    /// <summary>The info strings that mark a block as PowerShell code (everything else is shown output).</summary>
    public static bool IsPowerShell(string info) =>
        info.Equals("powershell", StringComparison.OrdinalIgnoreCase)
        || info.Equals("pwsh", StringComparison.OrdinalIgnoreCase)
        || info.Equals("ps1", StringComparison.OrdinalIgnoreCase);

    private static List<HelpItem> ParseLinks(List<string> lines)
    {
        var links = new List<HelpItem>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            var close = line.IndexOf("](", StringComparison.Ordinal);
            if (line.StartsWith('[') && close > 0 && line.EndsWith(')'))
            {
                links.Add(new HelpItem(line.Substring(1, close - 1), line.Substring(close + 2, line.Length - close - 3)));
            }
        }

        return links;
    }

    private static List<string> WithoutFences(List<string> lines)
    {
        var result = new List<string>();
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence)
            {
                result.Add(line);
            }
        }

        return result;
    }

    /// <summary>Joins lines into paragraphs separated by a blank line, trimming the ends.</summary>
    private static string Text(List<string> lines) =>
        string.Join("\n", lines).Trim();
}
