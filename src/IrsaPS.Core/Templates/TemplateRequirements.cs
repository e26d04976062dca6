using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace IrsaPS.Core.Templates;

/// <summary>
/// What a catalogued role needs, for comparing an existing role with it (the drift checks): the actions its version
/// needs whatever the parameters (managed policies' recorded actions, and the inline statements that no optional
/// parameter gates, less the role's optional actions), and the writes a scope parameter narrows with the resources
/// they would have if left unscoped.
/// </summary>
internal sealed class TemplateRequirements
{
    private TemplateRequirements(PolicyTemplate template, TemplateRole role, IReadOnlyList<string> actions, IReadOnlyList<ScopedWrite> scopedWrites)
    {
        Template = template;
        Role = role;
        RequiredActions = actions;
        ScopedWrites = scopedWrites;
    }

    public PolicyTemplate Template { get; }

    public TemplateRole Role { get; }

    /// <summary>Every action the version needs (may contain IAM wildcards where upstream wrote them, e.g. <c>vpc-lattice:*</c>).</summary>
    public IReadOnlyList<string> RequiredActions { get; }

    /// <summary>The writes the catalog scopes by a parameter.</summary>
    public IReadOnlyList<ScopedWrite> ScopedWrites { get; }

    /// <summary>The requirements of <paramref name="role"/> of <paramref name="template"/> in <paramref name="partition"/>.</summary>
    public static TemplateRequirements For(PolicyTemplate template, TemplateRole role, string partition)
    {
        var optional = template.Parameters.Where(p => p.WhenOmitted == TemplateParameterOmission.Optional).Select(p => "${" + p.Name + "}").ToList();
        var scope = template.Parameters.Where(p => p.WhenOmitted == TemplateParameterOmission.Scope).ToList();
        var actions = new List<string>(role.ManagedPolicies.SelectMany(m => m.Actions));
        var scoped = new List<ScopedWrite>();
        foreach (var statement in (role.Policy?["Statement"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var text = statement.ToJsonString();
            var statementActions = Values(statement["Action"]);
            if (!optional.Any(o => text.IndexOf(o, StringComparison.Ordinal) >= 0))
            {
                actions.AddRange(statementActions.Where(a => !role.OptionalActions.Contains(a, StringComparer.OrdinalIgnoreCase)));
            }

            var scopes = scope.Where(p => text.IndexOf("${" + p.Name + "}", StringComparison.Ordinal) >= 0).ToList();
            if (scopes.Count > 0)
            {
                var resources = Values(statement["Resource"]).Select(r =>
                {
                    foreach (var parameter in scopes)
                    {
                        r = r.Replace("${" + parameter.Name + "}", parameter.Unscoped);
                    }

                    return r.Replace("${Partition}", partition);
                }).Append("*").Distinct(StringComparer.Ordinal).ToList();
                scoped.Add(new ScopedWrite(scopes.Select(p => p.Name).ToList(), statementActions, resources));
            }
        }

        return new TemplateRequirements(template, role, actions.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), scoped);
    }

    private static List<string> Values(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n!.GetValue<string>()).ToList(),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };
}

/// <summary>A write the catalog scopes by <paramref name="Parameters"/>: its actions, and its resources when left unscoped.</summary>
internal sealed record ScopedWrite(IReadOnlyList<string> Parameters, IReadOnlyList<string> Actions, IReadOnlyList<string> UnscopedResources);
