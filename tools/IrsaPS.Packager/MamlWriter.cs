using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;

namespace IrsaPS.Packager;

/// <summary>
/// Writes the MAML help file (en-US/IrsaPS.dll-Help.xml) that Get-Help reads for a binary module. Text comes from the
/// markdown pages; syntax, types, positions, pipeline input and aliases come from the compiled cmdlets, so they cannot drift.
/// </summary>
public static class MamlWriter
{
    private const string Msh = "http://msh";
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static void Write(string path, IReadOnlyList<CmdletDescriptor> cmdlets, IReadOnlyDictionary<string, HelpDocument> help)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var writer = XmlWriter.Create(path, settings);
        writer.WriteStartDocument();
        writer.WriteStartElement("helpItems", Msh);
        writer.WriteAttributeString("schema", "maml");
        foreach (var cmdlet in cmdlets.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            WriteCommand(writer, cmdlet, help[cmdlet.Name]);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteCommand(XmlWriter w, CmdletDescriptor cmdlet, HelpDocument help)
    {
        w.WriteStartElement("command", "command", Command);
        w.WriteAttributeString("xmlns", "maml", null, Maml);
        w.WriteAttributeString("xmlns", "command", null, Command);
        w.WriteAttributeString("xmlns", "dev", null, Dev);

        w.WriteStartElement("command", "details", Command);
        w.WriteElementString("command", "name", Command, cmdlet.Name);
        w.WriteElementString("command", "verb", Command, cmdlet.Verb);
        w.WriteElementString("command", "noun", Command, cmdlet.Noun);
        Paragraphs(w, "description", help.Synopsis);
        w.WriteEndElement();

        Paragraphs(w, "description", help.Description);

        w.WriteStartElement("command", "syntax", Command);
        foreach (var set in cmdlet.ParameterSetNames)
        {
            w.WriteStartElement("command", "syntaxItem", Command);
            w.WriteElementString("maml", "name", Maml, cmdlet.Name);
            foreach (var parameter in ParametersOf(cmdlet, set))
            {
                WriteParameter(w, parameter, Entry(parameter, set), help);
            }

            WriteShouldProcessParameters(w, cmdlet);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("command", "parameters", Command);
        foreach (var parameter in cmdlet.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            WriteParameter(w, parameter, parameter.Sets[0], help);
        }

        WriteShouldProcessParameters(w, cmdlet);
        w.WriteEndElement();

        w.WriteStartElement("command", "inputTypes", Command);
        foreach (var input in help.Inputs)
        {
            w.WriteStartElement("command", "inputType", Command);
            TypeElement(w, input.Name);
            Paragraphs(w, "description", input.Description);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("command", "returnValues", Command);
        foreach (var output in help.Outputs)
        {
            w.WriteStartElement("command", "returnValue", Command);
            TypeElement(w, output.Name);
            Paragraphs(w, "description", output.Description);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("maml", "alertSet", Maml);
        w.WriteStartElement("maml", "alert", Maml);
        ParagraphList(w, help.Notes);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("command", "examples", Command);
        foreach (var example in help.Examples)
        {
            w.WriteStartElement("command", "example", Command);
            w.WriteElementString("maml", "title", Maml, $"-------------------------- {example.Title} --------------------------");
            // The code is only what a user types; the output it shows opens the remarks, line breaks kept.
            w.WriteElementString("dev", "code", Dev, example.Code);
            w.WriteStartElement("dev", "remarks", Dev);
            if (example.Output.Length > 0)
            {
                w.WriteElementString("maml", "para", Maml, example.Output);
            }

            if (example.Output.Length == 0 || example.Remarks.Length > 0)
            {
                ParagraphList(w, example.Remarks);
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("command", "relatedLinks", Command);
        foreach (var link in help.RelatedLinks)
        {
            w.WriteStartElement("maml", "navigationLink", Maml);
            w.WriteElementString("maml", "linkText", Maml, link.Name);
            w.WriteElementString("maml", "uri", Maml, link.Description.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? link.Description : string.Empty);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>
    /// -WhatIf and -Confirm of a SupportsShouldProcess cmdlet, as platyPS writes them: once a MAML file exists, Get-Help
    /// shows only the syntax and parameters it lists (only the other common parameters are added by PowerShell).
    /// </summary>
    private static void WriteShouldProcessParameters(XmlWriter w, CmdletDescriptor cmdlet)
    {
        if (!cmdlet.SupportsShouldProcess)
        {
            return;
        }

        foreach (var (name, alias, description) in ShouldProcessParameters)
        {
            w.WriteStartElement("command", "parameter", Command);
            w.WriteAttributeString("required", "false");
            w.WriteAttributeString("variableLength", "false");
            w.WriteAttributeString("globbing", "false");
            w.WriteAttributeString("pipelineInput", "False");
            w.WriteAttributeString("position", "named");
            w.WriteAttributeString("aliases", alias);
            w.WriteElementString("maml", "name", Maml, name);
            Paragraphs(w, "description", description);
            TypeElement(w, "System.Management.Automation.SwitchParameter");
            w.WriteElementString("dev", "defaultValue", Dev, "False");
            w.WriteEndElement();
        }
    }

    private static readonly (string Name, string Alias, string Description)[] ShouldProcessParameters =
    [
        ("WhatIf", "wi", "Shows what would happen if the cmdlet runs: every write it would make, with the exact change. Nothing is changed."),
        ("Confirm", "cf", "Prompts you for confirmation before each write. -Confirm:$false never prompts (like -Force)."),
    ];

    private static IEnumerable<CmdletParameter> ParametersOf(CmdletDescriptor cmdlet, string set) =>
        cmdlet.Parameters
            .Where(p => p.Sets.Any(s => s.SetName == set || s.SetName == CmdletDescriptor.AllParameterSets))
            .OrderBy(p => Entry(p, set).Position is var pos && pos == int.MinValue ? int.MaxValue : pos)
            .ThenBy(p => Entry(p, set).Mandatory ? 0 : 1)
            .ThenBy(p => p.Name, StringComparer.Ordinal);

    private static ParameterSetEntry Entry(CmdletParameter parameter, string set) =>
        parameter.Sets.FirstOrDefault(s => s.SetName == set) ?? parameter.Sets[0];

    private static void WriteParameter(XmlWriter w, CmdletParameter parameter, ParameterSetEntry entry, HelpDocument help)
    {
        w.WriteStartElement("command", "parameter", Command);
        w.WriteAttributeString("required", entry.Mandatory ? "true" : "false");
        w.WriteAttributeString("variableLength", parameter.TypeName.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false");
        w.WriteAttributeString("globbing", parameter.SupportsWildcards ? "true" : "false");
        w.WriteAttributeString("pipelineInput", PipelineInput(parameter));
        // PowerShell's own Position (0 for the first positional parameter), as platyPS and docs/en-US write it.
        w.WriteAttributeString("position", entry.Position == int.MinValue ? "named" : entry.Position.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
        w.WriteElementString("maml", "name", Maml, parameter.Name);
        Paragraphs(w, "description", help.Parameters.TryGetValue(parameter.Name, out var text) ? text : string.Empty);
        if (parameter.ValidValues.Count > 0)
        {
            w.WriteStartElement("command", "parameterValueGroup", Command);
            foreach (var value in parameter.ValidValues)
            {
                w.WriteStartElement("command", "parameterValue", Command);
                w.WriteAttributeString("required", "false");
                w.WriteAttributeString("variableLength", "false");
                w.WriteString(value);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        if (!parameter.IsSwitch)
        {
            w.WriteStartElement("command", "parameterValue", Command);
            w.WriteAttributeString("required", "true");
            w.WriteAttributeString("variableLength", "false");
            w.WriteString(parameter.TypeName);
            w.WriteEndElement();
        }

        TypeElement(w, parameter.TypeFullName);
        w.WriteElementString("dev", "defaultValue", Dev, parameter.IsSwitch ? "False" : "None");
        w.WriteEndElement();
    }

    private static string PipelineInput(CmdletParameter parameter) =>
        (parameter.AcceptsPipelineByValue, parameter.AcceptsPipelineByPropertyName) switch
        {
            (true, true) => "True (ByPropertyName, ByValue)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };

    private static void TypeElement(XmlWriter w, string typeName)
    {
        w.WriteStartElement("dev", "type", Dev);
        w.WriteElementString("maml", "name", Maml, typeName);
        w.WriteElementString("maml", "uri", Maml, string.Empty);
        w.WriteEndElement();
    }

    private static void Paragraphs(XmlWriter w, string element, string text)
    {
        w.WriteStartElement("maml", element, Maml);
        ParagraphList(w, text);
        w.WriteEndElement();
    }

    private static void ParagraphList(XmlWriter w, string text)
    {
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (paragraphs.Length == 0)
        {
            w.WriteElementString("maml", "para", Maml, string.Empty);
        }

        foreach (var paragraph in paragraphs)
        {
            w.WriteElementString("maml", "para", Maml, paragraph.Replace('\n', ' '));
        }
    }
}
