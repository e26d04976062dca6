using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Templates;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>
/// Shared by IRSA040 and IRSA041: finds the roles that catalogued controllers' service accounts use (the role their
/// annotation names, and roles whose trust names exactly their subject for the audited cluster), reads what each
/// role grants (inline and customer-managed documents, AWS-managed policies the catalog knows), and picks for each
/// role the catalog role it resembles most (e.g. the IPv4 rather than the IPv6 VPC CNI).
/// A role with policies whose content is unknown (other AWS-managed or unread customer-managed policies) is never
/// judged on missing actions: they might grant them.
/// </summary>
internal static class ControllerRoleMatcher
{
    public static IEnumerable<ControllerRoleMatch> Match(AuditContext context)
    {
        var issuer = context.Index.ClusterIssuer;
        if (issuer is null)
        {
            yield break;
        }

        var candidates = new Dictionary<AuditRoleEntry, List<(TemplateRequirements Needs, KubeServiceAccount? ServiceAccount)>>();
        foreach (var template in PolicyTemplateCatalog.Latest)
        {
            foreach (var role in template.Roles.Where(r => r.Namespace is not null))
            {
                TemplateRequirements? needs = null;
                foreach (var name in role.ServiceAccounts)
                {
                    var serviceAccount = context.Index.FindServiceAccount(role.Namespace!, name);
                    var roles = context.Index.RolesAdmittingExactly(issuer.HostPath, $"system:serviceaccount:{role.Namespace}:{name}").ToList();
                    if (serviceAccount is not null && context.Index.RoleOfAnnotation(serviceAccount, out _) is { } annotated && !roles.Contains(annotated))
                    {
                        roles.Add(annotated);
                    }

                    foreach (var entry in roles)
                    {
                        needs ??= TemplateRequirements.For(template, role, context.Snapshot.Partition);
                        if (!candidates.TryGetValue(entry, out var list))
                        {
                            candidates[entry] = list = [];
                        }

                        list.Add((needs, serviceAccount));
                    }
                }
            }
        }

        foreach (var pair in candidates.OrderBy(p => p.Key.Role.Arn, StringComparer.Ordinal))
        {
            var grants = RoleGrants.Read(pair.Key.Role, context.Snapshot);
            if (grants is null)
            {
                continue;
            }

            // Entries can share a service account (the Load Balancer Controller and its TargetGroupBinding-only subset, the
            // IPv4 and IPv6 VPC CNI): the role is judged against the entry it resembles most, i.e. the one with the most
            // required actions granted less those missing, then the fewest missing.
            var best = pair.Value
                .Select(c => (c.Needs, c.ServiceAccount, Missing: grants.Missing(c.Needs.RequiredActions)))
                .OrderByDescending(c => c.Needs.RequiredActions.Count - (2 * c.Missing.Count))
                .ThenBy(c => c.Missing.Count)
                .First();
            yield return new ControllerRoleMatch(pair.Key, best.Needs, best.ServiceAccount, grants, best.Missing);
        }
    }
}

/// <summary>A role used by a catalogued controller, what the catalog says it needs, and what it lacks.</summary>
internal sealed record ControllerRoleMatch(
    AuditRoleEntry Role, TemplateRequirements Needs, KubeServiceAccount? ServiceAccount, RoleGrants Grants, IReadOnlyList<string> Missing);

/// <summary>What one role grants, as far as the audit can read it.</summary>
internal sealed class RoleGrants
{
    private RoleGrants(List<GrantStatement> statements, List<string> managedActions, bool complete)
    {
        Statements = statements;
        ManagedActions = managedActions;
        Complete = complete;
    }

    /// <summary>Allow statements of inline and customer-managed policies.</summary>
    public IReadOnlyList<GrantStatement> Statements { get; }

    /// <summary>Actions of the attached AWS-managed policies that the catalog records.</summary>
    public IReadOnlyList<string> ManagedActions { get; }

    /// <summary>False when some attached policy's content is unknown.</summary>
    public bool Complete { get; }

    /// <summary>What the role grants, or null when its policies were not read.</summary>
    public static RoleGrants? Read(AuditRole role, AuditSnapshot snapshot)
    {
        if (role.AttachedPolicyArns is null || role.InlinePolicies is null)
        {
            return null;
        }

        var statements = new List<GrantStatement>();
        var managedActions = new List<string>();
        var complete = true;
        foreach (var inline in role.InlinePolicies)
        {
            complete &= Add(statements, "inline:" + inline.Name, inline.Document);
        }

        foreach (var arn in role.AttachedPolicyArns)
        {
            if (snapshot.ManagedPolicyDocuments.TryGetValue(arn, out var document))
            {
                complete &= Add(statements, "managed:" + arn, document);
                continue;
            }

            var known = KnownManagedActions(arn);
            if (known is null)
            {
                complete = false;
            }
            else
            {
                managedActions.AddRange(known);
            }
        }

        return new RoleGrants(statements, managedActions, complete);
    }

    /// <summary>The required actions that nothing the role has grants (only meaningful when <see cref="Complete"/>).</summary>
    public IReadOnlyList<string> Missing(IReadOnlyList<string> required) =>
        required.Where(action => !Grants(action)).ToList();

    public bool Grants(string action) =>
        ManagedActions.Any(a => string.Equals(a, action, StringComparison.OrdinalIgnoreCase))
        || Statements.Any(s => s.Covers(action));

    private static bool Add(List<GrantStatement> statements, string source, string json)
    {
        if (!PolicyDocument.TryParse(json, out var document, out _))
        {
            return false;
        }

        for (var i = 0; i < document!.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            if (statement.Effect == PolicyEffect.Allow)
            {
                statements.Add(new GrantStatement(source, i, statement));
            }
        }

        return true;
    }

    /// <summary>The recorded actions of an AWS-managed policy some catalog entry attaches (any partition), or null.</summary>
    private static IReadOnlyList<string>? KnownManagedActions(string arn)
    {
        var colon = arn.IndexOf(":iam::aws:policy/", StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var suffix = arn.Substring(colon);
        return PolicyTemplateCatalog.All
            .SelectMany(t => t.Roles)
            .SelectMany(r => r.ManagedPolicies)
            .FirstOrDefault(m => m.ArnTemplate.EndsWith(suffix, StringComparison.Ordinal))?.Actions;
    }
}

/// <summary>One Allow statement of a role's policy, and where it is.</summary>
internal sealed record GrantStatement(string Source, int Index, PolicyStatement Statement)
{
    /// <summary>
    /// True when a condition narrows which resources the statement reaches: a resource or request tag key
    /// (<c>aws:ResourceTag/...</c>, <c>ec2:ResourceTag/...</c>, <c>aws:RequestTag/...</c>) or a service-specific key
    /// (<c>route53:ChangeResourceRecordSetsNormalizedRecordNames</c>, <c>s3:prefix</c>, <c>ec2:CreateAction</c>). The
    /// request-context keys under <c>aws:</c> (SecureTransport, SourceIp, SourceVpc, PrincipalTag, CalledVia,
    /// ResourceAccount, ...) leave every resource of the account reachable, so they do not count.
    /// </summary>
    public bool BoundsResources => Statement.Condition is not null && Statement.Condition.AllEntries().Any(e => IsResourceKey(e.Entry.Key));

    private static bool IsResourceKey(string key) =>
        key.Contains(":ResourceTag/", StringComparison.OrdinalIgnoreCase)
        || key.Contains(":RequestTag/", StringComparison.OrdinalIgnoreCase)
        || !key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the statement's Action (or NotAction) lets <paramref name="action"/> through.</summary>
    public bool Covers(string action)
    {
        if (Statement.Action is not null)
        {
            return Statement.Action.Any(pattern => WildcardMatcher.IsMatch(action, pattern, ignoreCase: true));
        }

        return Statement.NotAction is not null && !Statement.NotAction.Any(pattern => WildcardMatcher.IsMatch(action, pattern, ignoreCase: true));
    }

    /// <summary>True when a Resource value equals one of <paramref name="resources"/> (case-insensitive).</summary>
    public bool OnAnyOf(IReadOnlyList<string> resources) =>
        Statement.Resource is not null && Statement.Resource.Any(r => resources.Contains(r, StringComparer.OrdinalIgnoreCase));
}
