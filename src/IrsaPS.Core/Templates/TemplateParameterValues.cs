using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Templates;

/// <summary>
/// The values a rendering fills in, checked before anything is rendered: no unknown names, ARNs of the right service,
/// resource type and partition, one value where only one is allowed, required and scope parameters present (scope ones
/// may be left out only with -AllowUnscopedTemplate), at least one of each require-one-of group. A value whose resource
/// is only a wildcard (<c>hostedzone/*</c>, <c>arn:aws:s3:::*</c>) counts as leaving the parameter out.
/// </summary>
internal sealed class TemplateParameterValues
{
    private TemplateParameterValues(Dictionary<string, IReadOnlyList<string>> values, List<string> dropped, List<string> unscoped, List<string> missing)
    {
        Values = values;
        Dropped = dropped;
        Unscoped = unscoped;
        Missing = missing;
    }

    /// <summary>Parameter name → the values its placeholder stands for.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; }

    /// <summary>Optional parameters not given: their statements are dropped.</summary>
    public List<string> Dropped { get; }

    /// <summary>Scope parameters left on their unscoped value.</summary>
    public List<string> Unscoped { get; }

    /// <summary>Preview only: parameters still missing.</summary>
    public List<string> Missing { get; }

    public static TemplateParameterValues Resolve(
        PolicyTemplate template,
        TemplateRole role,
        TemplateRenderContext context,
        IReadOnlyDictionary<string, IReadOnlyList<string>> given,
        bool allowUnscoped,
        bool preview)
    {
        if (!AwsPartition.IsSupported(context.Partition))
        {
            throw new IrsaValidationException(ErrorIds.InvalidPartition, $"Partition '{context.Partition}' is not one of aws, aws-cn, aws-us-gov.", context.Partition);
        }

        foreach (var name in given.Keys.Where(k => template.FindParameter(k) is null))
        {
            throw new IrsaValidationException(
                ErrorIds.UnknownTemplateParameter,
                template.Parameters.Count == 0
                    ? $"Policy template '{template.Name}' takes no parameters, but '{name}' was given."
                    : $"Policy template '{template.Name}' has no parameter '{name}'; its parameters are {string.Join(", ", template.Parameters.Select(p => p.Name))}.",
                name);
        }

        var used = UsedBy(role);
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["Partition"] = [context.Partition] };
        var dropped = new List<string>();
        var unscoped = new List<string>();
        var missing = new List<string>();
        foreach (var parameter in template.Parameters)
        {
            var supplied = given.FirstOrDefault(g => string.Equals(g.Key, parameter.Name, StringComparison.OrdinalIgnoreCase)).Value;
            var list = supplied?.Select(v => v?.Trim() ?? string.Empty).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList() ?? [];
            if (parameter.WhenOmitted == TemplateParameterOmission.FromCluster)
            {
                if (list.Count > 0)
                {
                    throw new IrsaValidationException(
                        ErrorIds.InvalidTemplateParameter,
                        $"'{parameter.Name}' of policy template '{template.Name}' is taken from the cluster (-ClusterName); it cannot be given.",
                        parameter.Name);
                }

                var fromCluster = parameter.Name switch
                {
                    "ClusterName" => context.ClusterName,
                    "Region" => context.Region,
                    "AccountId" => context.AccountId,
                    _ => null,
                };
                if (fromCluster is null)
                {
                    missing.Add(parameter.Name);
                }
                else
                {
                    values[parameter.Name] = [fromCluster];
                }

                continue;
            }

            if (!parameter.Multiple && list.Count > 1)
            {
                throw new IrsaValidationException(
                    ErrorIds.InvalidTemplateParameter,
                    $"'{parameter.Name}' of policy template '{template.Name}' takes one value; {list.Count} were given.",
                    parameter.Name);
            }

            var wildcardOnly = false;
            foreach (var value in list)
            {
                wildcardOnly |= Check(template, parameter, value, context.Partition);
            }

            if (list.Count > 0 && !wildcardOnly)
            {
                values[parameter.Name] = list;
                continue;
            }

            if (wildcardOnly && !allowUnscoped && (!preview || list.Count > 0))
            {
                throw ScopeRequired(template, parameter, given: true);
            }

            if (wildcardOnly)
            {
                values[parameter.Name] = list;
                unscoped.Add(parameter.Name);
                continue;
            }

            switch (parameter.WhenOmitted)
            {
                case TemplateParameterOmission.Optional:
                    dropped.Add(parameter.Name);
                    break;
                case TemplateParameterOmission.Scope when allowUnscoped:
                    values[parameter.Name] = [parameter.Unscoped!.Replace("${Partition}", context.Partition)];
                    if (used.Contains(parameter.Name))
                    {
                        unscoped.Add(parameter.Name);
                    }

                    break;
                case TemplateParameterOmission.Scope when !preview && used.Contains(parameter.Name):
                    throw ScopeRequired(template, parameter, given: false);
                case TemplateParameterOmission.Required when !preview && used.Contains(parameter.Name):
                    throw new IrsaValidationException(
                        ErrorIds.TemplateParameterRequired,
                        $"Policy template '{template.Name}' needs '{parameter.Name}': {parameter.Description} Pass -TemplateParameter @{{ {parameter.Name} = '...' }}.",
                        parameter.Name);
                default:
                    if (used.Contains(parameter.Name))
                    {
                        missing.Add(parameter.Name);
                    }

                    break;
            }
        }

        foreach (var group in template.RequireOneOf.Where(g => g.All(dropped.Contains)))
        {
            if (!preview)
            {
                throw new IrsaValidationException(
                    ErrorIds.TemplateParameterRequired,
                    $"Policy template '{template.Name}' grants nothing useful without at least one of {string.Join(", ", group)}. Pass -TemplateParameter @{{ {group[0]} = '...' }}.",
                    template.Name);
            }

            missing.AddRange(group);
        }

        return new TemplateParameterValues(values, dropped, unscoped, missing);
    }

    /// <summary>Checks one ARN value; returns true when its resource is nothing but a wildcard.</summary>
    private static bool Check(PolicyTemplate template, TemplateParameter parameter, string value, string partition)
    {
        if (parameter.Kind != TemplateParameterKind.Arn)
        {
            return value == "*";
        }

        if (value == "*")
        {
            return true;
        }

        Arn arn;
        try
        {
            arn = Arn.Parse(value);
        }
        catch (IrsaValidationException ex)
        {
            throw new IrsaValidationException(ErrorIds.InvalidTemplateParameter, $"'{parameter.Name}' of policy template '{template.Name}': {ex.Message}", value);
        }

        var prefix = parameter.ResourcePrefix ?? string.Empty;
        if (!string.Equals(arn.Service, parameter.Service, StringComparison.Ordinal) || !arn.Resource.StartsWith(prefix, StringComparison.Ordinal) || arn.Resource.Length == prefix.Length)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidTemplateParameter,
                $"'{value}' is not what '{parameter.Name}' of policy template '{template.Name}' takes: {parameter.Description}",
                value);
        }

        if (arn.Resource.Any(char.IsWhiteSpace))
        {
            throw new IrsaValidationException(ErrorIds.InvalidTemplateParameter, $"'{value}' ({parameter.Name}) contains whitespace.", value);
        }

        if (!string.Equals(arn.Partition, partition, StringComparison.Ordinal))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidTemplateParameter,
                $"'{value}' ({parameter.Name}) is in partition {arn.Partition}, but the cluster's account is in {partition}: IAM would never match it.",
                value);
        }

        var rest = arn.Resource.Substring(prefix.Length);
        return rest == "*" || rest == "*/*";
    }

    private static IrsaValidationException ScopeRequired(PolicyTemplate template, TemplateParameter parameter, bool given) => new(
        ErrorIds.TemplateScopeRequired,
        (given
            ? $"'{parameter.Name}' of policy template '{template.Name}' was given only as a wildcard, which leaves the write upstream asks you to narrow on every resource."
            : $"Policy template '{template.Name}' needs '{parameter.Name}' to narrow a write that upstream leaves on \"*\": {parameter.Description}")
        + $" Pass -TemplateParameter @{{ {parameter.Name} = '...' }}, or -AllowUnscopedTemplate to grant it on every resource (confirmed as a broadening change).",
        parameter.Name);

    /// <summary>The parameters whose placeholders the role's inline policy uses.</summary>
    private static HashSet<string> UsedBy(TemplateRole role)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (role.Policy is not null)
        {
            foreach (System.Text.RegularExpressions.Match match in PolicyTemplateReader.Placeholder.Matches(role.Policy.ToJsonString()))
            {
                used.Add(match.Groups[1].Value);
            }
        }

        return used;
    }
}
