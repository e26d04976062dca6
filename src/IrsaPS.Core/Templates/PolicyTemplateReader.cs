using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Templates;

/// <summary>
/// Reads one catalog file (JSON) into a <see cref="PolicyTemplate"/> and checks it: names, versions, roles, that every
/// <c>${...}</c> placeholder is a declared parameter (or <c>${Partition}</c>), and that each inline policy is a valid IAM
/// policy document once its placeholders are filled. A bad file is a packaging bug: InvalidTemplateCatalog.
/// </summary>
internal static class PolicyTemplateReader
{
    internal static readonly Regex Placeholder = new(@"\$\{([A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant);
    private static readonly Regex NamePattern = new("^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);

    public static PolicyTemplate Read(string json, string origin)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw Bad(origin, "the file is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw Bad(origin, ex.Message);
        }

        var name = Text(root, "name", origin);
        if (!NamePattern.IsMatch(name))
        {
            throw Bad(origin, $"name '{name}' is not PascalCase letters and digits");
        }

        var parameters = Array(root, "parameters").Select(p => Parameter((JsonObject)p!, origin)).ToList();
        var known = new HashSet<string>(parameters.Select(p => p.Name), StringComparer.Ordinal) { "Partition" };
        var roles = Array(root, "roles").Select(r => Role((JsonObject)r!, origin, known)).ToList();
        if (roles.Count == 0)
        {
            throw Bad(origin, "it has no roles");
        }

        var requireOneOf = Array(root, "requireOneOf")
            .Select(g => (IReadOnlyList<string>)((JsonArray)g!).Select(n => n!.GetValue<string>()).ToList())
            .ToList();
        foreach (var group in requireOneOf)
        {
            foreach (var member in group.Where(m => parameters.All(p => p.Name != m || p.WhenOmitted != TemplateParameterOmission.Optional)))
            {
                throw Bad(origin, $"requireOneOf names '{member}', which is not an optional parameter");
            }
        }

        return new PolicyTemplate(
            name,
            Text(root, "controller", origin),
            Text(root, "version", origin),
            Text(root, "summary", origin),
            Text(root, "licence", origin),
            Array(root, "sources").Select(s => Source((JsonObject)s!, origin)).ToList(),
            Array(root, "notes").Select(n => n!.GetValue<string>()).ToList(),
            parameters,
            requireOneOf,
            roles);
    }

    private static TemplateParameter Parameter(JsonObject node, string origin)
    {
        var name = Text(node, "name", origin);
        var kind = Text(node, "kind", origin) switch
        {
            "arn" => TemplateParameterKind.Arn,
            "text" => TemplateParameterKind.Text,
            var other => throw Bad(origin, $"parameter '{name}' has unknown kind '{other}'"),
        };
        var omission = Text(node, "whenOmitted", origin) switch
        {
            "required" => TemplateParameterOmission.Required,
            "scope" => TemplateParameterOmission.Scope,
            "optional" => TemplateParameterOmission.Optional,
            "fromCluster" => TemplateParameterOmission.FromCluster,
            var other => throw Bad(origin, $"parameter '{name}' has unknown whenOmitted '{other}'"),
        };
        var unscoped = OptionalText(node, "unscoped");
        if (omission == TemplateParameterOmission.Scope && unscoped is null)
        {
            throw Bad(origin, $"scope parameter '{name}' has no unscoped value");
        }

        if (kind == TemplateParameterKind.Arn && OptionalText(node, "service") is null)
        {
            throw Bad(origin, $"ARN parameter '{name}' names no service");
        }

        return new TemplateParameter(
            name,
            Text(node, "description", origin),
            kind,
            omission,
            node["multiple"]?.GetValue<bool>() ?? false,
            OptionalText(node, "service"),
            OptionalText(node, "resourcePrefix"),
            unscoped);
    }

    private static TemplateRole Role(JsonObject node, string origin, HashSet<string> known)
    {
        var name = Text(node, "name", origin);
        var managed = Array(node, "managedPolicies").Select(m =>
        {
            var policy = (JsonObject)m!;
            var arn = Text(policy, "arn", origin);
            if (!arn.StartsWith("arn:${Partition}:iam::aws:policy/", StringComparison.Ordinal))
            {
                throw Bad(origin, $"managed policy '{arn}' of role '{name}' is not an AWS-managed policy ARN with ${{Partition}}");
            }

            return new TemplateManagedPolicy(arn, Array(policy, "actions").Select(a => a!.GetValue<string>()).ToList());
        }).ToList();
        var document = node["policy"] as JsonObject;
        if (document is not null)
        {
            foreach (Match match in Placeholder.Matches(document.ToJsonString()))
            {
                if (!known.Contains(match.Groups[1].Value))
                {
                    throw Bad(origin, $"role '{name}' uses ${{{match.Groups[1].Value}}}, which is not a parameter of the entry");
                }
            }
        }

        if (document is null && managed.Count == 0)
        {
            throw Bad(origin, $"role '{name}' grants nothing");
        }

        return new TemplateRole(
            name,
            OptionalText(node, "namespace"),
            Array(node, "serviceAccounts").Select(s => s!.GetValue<string>()).ToList(),
            managed,
            document,
            Array(node, "optionalActions").Select(a => a!.GetValue<string>()).ToList());
    }

    private static TemplateSource Source(JsonObject node, string origin)
    {
        var read = Text(node, "read", origin);
        var repository = OptionalText(node, "repository");
        var url = OptionalText(node, "url");
        if (repository is null && url is null)
        {
            throw Bad(origin, "a source has neither repository nor url");
        }

        return new TemplateSource(repository, OptionalText(node, "path"), OptionalText(node, "ref"), OptionalText(node, "commit"), url, read, OptionalText(node, "note"));
    }

    private static IEnumerable<JsonNode?> Array(JsonObject node, string key) => node[key] as JsonArray ?? [];

    private static string Text(JsonObject node, string key, string origin) =>
        OptionalText(node, key) ?? throw Bad(origin, $"'{key}' is missing");

    private static string? OptionalText(JsonObject node, string key) =>
        node[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static IrsaException Bad(string origin, string problem) =>
        new(ErrorIds.InvalidTemplateCatalog, IrsaErrorKind.InvalidData, $"The policy template catalog file {origin} is malformed: {problem}.", origin);
}
