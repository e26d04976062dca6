using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Templates;

/// <summary>
/// How a <see cref="PolicyTemplateSelection"/> becomes part of a role request: the entry's default service accounts
/// when none were named, parameter values checked offline before any call, and, once the cluster is known, the rendered
/// managed ARNs and inline policy added to the request.
/// </summary>
internal static class TemplateRoleApplication
{
    /// <summary>
    /// Before any call: finds the entry and role, checks the parameter values' shape, and fills in the entry's default
    /// namespace and service account(s) where the request names none.
    /// </summary>
    public static NewRoleRequest Prepare(NewRoleRequest request)
    {
        var selection = request.Template!;
        var template = PolicyTemplateCatalog.Find(selection.Name, selection.Version);
        var role = PolicyTemplateRenderer.SelectRole(template, selection.Role);
        var partition = selection.Parameters.Values.SelectMany(v => v)
            .Select(v => Arn.TryParse(v?.Trim(), out var arn) ? arn.Partition : null)
            .FirstOrDefault(p => p is not null) ?? AwsPartition.Aws;
        // Everything but the partition match with the cluster (and the cluster's own values) is checked here, offline:
        // a missing scope or a malformed ARN is refused before the first call.
        var offline = new TemplateRenderContext(partition, "000000000000", "us-east-1", string.IsNullOrEmpty(request.ClusterName) ? "cluster" : request.ClusterName);
        PolicyTemplateRenderer.Render(template, role.Name, offline, selection.Parameters, selection.AllowUnscoped);
        if (request.ServiceAccounts.Count > 0)
        {
            return request;
        }

        var ns = selection.Namespace ?? role.Namespace;
        if (role.ServiceAccounts.Count == 0 || ns is null)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                $"Policy template '{template.Name}' names no default service account: pass -Namespace and -ServiceAccountName.",
                template.Name);
        }

        return request with { ServiceAccounts = role.ServiceAccounts.Select(name => new ServiceAccountRef(ns, name)).ToList() };
    }

    /// <summary>After the cluster is read, before any write: renders for the cluster and adds the result to the request.</summary>
    public static NewRoleRequest Apply(NewRoleRequest request, string partition, string accountId, string region, string clusterName)
    {
        var selection = request.Template!;
        var template = PolicyTemplateCatalog.Find(selection.Name, selection.Version);
        var rendered = PolicyTemplateRenderer.Render(
            template, selection.Role, new TemplateRenderContext(partition, accountId, region, clusterName), selection.Parameters, selection.AllowUnscoped);
        var inline = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in request.InlinePolicies)
        {
            inline[pair.Key] = pair.Value;
        }

        if (rendered.InlinePolicy is not null)
        {
            if (inline.ContainsKey(rendered.InlinePolicyName))
            {
                throw new IrsaValidationException(
                    ErrorIds.InvalidParameterCombination,
                    $"-InlinePolicy names '{rendered.InlinePolicyName}', the name policy template '{template.Name}' writes its policy under: choose another name.",
                    rendered.InlinePolicyName);
            }

            inline[rendered.InlinePolicyName] = rendered.InlinePolicy;
        }

        var existing = request.InlinePolicies.Values.Sum(p => Policy.PolicyJsonFormat.Compact(p).Length);
        if (existing + rendered.Size > IamPolicyQuotas.InlinePoliciesPerRole)
        {
            throw new IrsaValidationException(
                ErrorIds.TemplatePolicyTooLarge,
                $"The inline policies given ({existing:N0} characters) and policy template '{template.Name}' ({rendered.Size:N0}) exceed IAM's quota of {IamPolicyQuotas.InlinePoliciesPerRole:N0} characters of inline policies per role.",
                template.Name);
        }

        return request with
        {
            PolicyArns = request.PolicyArns.Concat(rendered.ManagedPolicyArns).Distinct(StringComparer.Ordinal).ToList(),
            InlinePolicies = inline,
            BroadeningInlinePolicy = rendered.Unscoped.Count > 0 && rendered.InlinePolicy is not null ? rendered.InlinePolicyName : null,
            BroadeningReason = rendered.Unscoped.Count > 0
                ? $"unscoped: {string.Join(", ", rendered.Unscoped)} left on every resource (-AllowUnscopedTemplate)"
                : null,
        };
    }
}
