using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Templates;

/// <summary>
/// Renders one role of a catalog entry: checks the parameter values (<see cref="TemplateParameterValues"/>), fills the
/// <c>${...}</c> placeholders (a placeholder of a parameter with several values turns one ARN into several), drops the
/// statements of optional parameters that were not given, and checks the result against IAM's policy grammar and
/// size quotas. Everything is checked before the caller writes anything.
/// </summary>
internal static class PolicyTemplateRenderer
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The role <paramref name="roleName"/> of the entry, or its only role when null. Throws TemplateRoleRequired when
    /// the entry has several and none (or an unknown one) is named.
    /// </summary>
    public static TemplateRole SelectRole(PolicyTemplate template, string? roleName)
    {
        if (string.IsNullOrWhiteSpace(roleName))
        {
            return template.HasSeveralRoles
                ? throw new IrsaValidationException(
                    ErrorIds.TemplateRoleRequired,
                    $"Policy template '{template.Name}' has {template.Roles.Count} roles with different permissions ({string.Join(", ", template.Roles.Select(r => r.Name))}): choose one with -TemplateRole.",
                    template.Name)
                : template.Roles[0];
        }

        return template.FindRole(roleName!.Trim()) ?? throw new IrsaValidationException(
            ErrorIds.TemplateRoleRequired,
            $"Policy template '{template.Name}' has no role '{roleName}'; its roles are {string.Join(", ", template.Roles.Select(r => r.Name))}.",
            roleName);
    }

    /// <summary>
    /// Renders for writing: every required and scope parameter must be given (scope ones may be left out with
    /// <paramref name="allowUnscoped"/>), and the result must fit IAM's inline quota.
    /// </summary>
    public static RenderedPolicyTemplate Render(
        PolicyTemplate template,
        string? roleName,
        TemplateRenderContext context,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? parameters,
        bool allowUnscoped) => Render(template, roleName, context, parameters, allowUnscoped, preview: false);

    /// <summary>Renders for reading: what cannot be filled stays a placeholder and is listed in <see cref="RenderedPolicyTemplate.Missing"/>.</summary>
    public static RenderedPolicyTemplate Preview(
        PolicyTemplate template,
        string? roleName,
        TemplateRenderContext context,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? parameters,
        bool allowUnscoped) => Render(template, roleName, context, parameters, allowUnscoped, preview: true);

    private static RenderedPolicyTemplate Render(
        PolicyTemplate template,
        string? roleName,
        TemplateRenderContext context,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? parameters,
        bool allowUnscoped,
        bool preview)
    {
        var role = SelectRole(template, roleName);
        var values = TemplateParameterValues.Resolve(template, role, context, parameters ?? new Dictionary<string, IReadOnlyList<string>>(), allowUnscoped, preview);
        var managed = role.ManagedPolicies.Select(m => m.Arn(context.Partition)).ToList();
        string? inline = null;
        if (role.Policy is not null)
        {
            var document = (JsonObject)role.Policy.DeepClone();
            var statements = document["Statement"] as JsonArray ?? [];
            foreach (var statement in statements.ToList())
            {
                var text = statement!.ToJsonString();
                if (values.Dropped.Any(d => text.IndexOf("${" + d + "}", StringComparison.Ordinal) >= 0))
                {
                    statements.Remove(statement);
                }
            }

            if (statements.Count > 0)
            {
                var filled = Fill(document, values.Values);
                inline = PolicyJsonFormat.Compact(filled.ToJsonString(Compact));
                PolicyDocument.Parse(inline);
            }
        }

        var rendered = new RenderedPolicyTemplate(template, role, managed, inline, values.Unscoped, values.Dropped, values.Missing);
        if (!preview && !rendered.FitsInlinePolicies)
        {
            throw new IrsaValidationException(
                ErrorIds.TemplatePolicyTooLarge,
                $"The rendered policy of '{template.Name}' has {rendered.Size:N0} characters: more than IAM's inline-policy quota of {IamPolicyQuotas.InlinePoliciesPerRole:N0} characters per role (and the managed-policy quota of {IamPolicyQuotas.ManagedPolicy:N0}). Name fewer resources, or use wildcards in their names.",
                template.Name);
        }

        return rendered;
    }

    /// <summary>The node with placeholders filled: strings that expand to several values become several array items.</summary>
    private static JsonNode Fill(JsonNode node, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var property in obj.ToList())
                {
                    var keys = Expand(property.Key, values);
                    var key = keys.Count == 1 ? keys[0] : property.Key;
                    result[key] = property.Value is null ? null : FillValue(property.Value, values);
                }

                return result;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    if (item is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        foreach (var expanded in Expand(text, values).Where(e => !items.Any(i => i is JsonValue v && v.TryGetValue<string>(out var t) && t == e)))
                        {
                            items.Add(JsonValue.Create(expanded));
                        }
                    }
                    else if (item is not null)
                    {
                        items.Add(Fill(item, values));
                    }
                }

                return items;
            default:
                return node.DeepClone();
        }
    }

    private static JsonNode FillValue(JsonNode node, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            var expanded = Expand(text, values);
            return expanded.Count == 1 ? JsonValue.Create(expanded[0])! : new JsonArray(expanded.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        }

        return Fill(node, values);
    }

    /// <summary>"${BucketArn}/*" with two buckets → two strings; placeholders without values are left as they are.</summary>
    private static List<string> Expand(string text, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        var results = new List<string> { text };
        foreach (System.Text.RegularExpressions.Match match in PolicyTemplateReader.Placeholder.Matches(text))
        {
            if (!values.TryGetValue(match.Groups[1].Value, out var replacements))
            {
                continue;
            }

            results = results.SelectMany(r => replacements.Select(v => r.Replace(match.Value, v))).Distinct(StringComparer.Ordinal).ToList();
        }

        return results;
    }
}
