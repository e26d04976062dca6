using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Get-IrsaRole: every role whose trust names a cluster's issuer — written by IrsaPS, eksctl, terraform or by hand —
/// found with one paged ListRoles (which carries each trust document), not one call per role.
/// </summary>
public static partial class IrsaRoles
{
    /// <summary>The role, or null when IAM has none by that name.</summary>
    internal static async Task<Role?> TryGetRoleAsync(AwsConnection aws, string roleName, CancellationToken cancellationToken)
    {
        try
        {
            return (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, cancellationToken).ConfigureAwait(false)).Role;
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>The role, or <c>RoleNotFound</c>.</summary>
    internal static async Task<Role> GetRoleAsync(AwsConnection aws, string roleName, CancellationToken cancellationToken) =>
        await TryGetRoleAsync(aws, roleName, cancellationToken).ConfigureAwait(false)
        ?? throw new IrsaException(
            ErrorIds.RoleNotFound,
            IrsaErrorKind.NotFound,
            $"IAM role '{roleName}' does not exist in this account. Get-IrsaRole -ClusterName <cluster> lists the roles that trust a cluster.",
            roleName);

    /// <summary>
    /// Roles that trust <paramref name="clusterName"/>'s issuer (or any OIDC provider when null), optionally only those
    /// whose name matches <paramref name="roleNamePattern"/> (<c>*</c> and <c>?</c> allowed). A name without wildcards
    /// is read directly (GetRole, plus its attached and inline policies).
    /// </summary>
    public static async Task<IReadOnlyList<IrsaRole>> GetAsync(
        IrsaSession session, string? clusterName, string? roleNamePattern, CancellationToken cancellationToken)
    {
        IrsaCluster? cluster = null;
        OidcIssuer? issuer = null;
        if (clusterName is not null)
        {
            cluster = await session.GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
            issuer = ClusterResolver.RequireIrsaIssuer(cluster);
        }

        var clusterNames = issuer is null
            ? null
            : new Dictionary<string, string>(StringComparer.Ordinal) { [issuer.HostPath] = cluster!.ClusterName };
        if (roleNamePattern is not null && !KubernetesNames.HasWildcard(roleNamePattern))
        {
            IamNames.ValidateRoleName(roleNamePattern);
            var role = await GetRoleAsync(session.Aws, roleNamePattern, cancellationToken).ConfigureAwait(false);
            var attached = await session.Aws.Iam.ListAllAttachedRolePoliciesAsync(role.RoleName, null, cancellationToken).ConfigureAwait(false);
            var inline = await session.Aws.Iam.ListAllRolePoliciesAsync(role.RoleName, null, cancellationToken).ConfigureAwait(false);
            var trust = PolicyDocument.Parse(role.AssumeRolePolicyDocument ?? string.Empty);
            return [Describe(role, trust, clusterNames, cluster, issuer, attached.Select(a => a.PolicyArn).ToList(), inline)];
        }

        var roles = await RoleScan.ListAllAsync(session, "Finding IRSA roles", cancellationToken).ConfigureAwait(false);
        var result = new List<IrsaRole>();
        foreach (var role in roles.OrderBy(r => r.RoleName, StringComparer.Ordinal))
        {
            if (roleNamePattern is not null && !WildcardMatcher.IsMatch(role.RoleName, roleNamePattern, ignoreCase: true))
            {
                continue;
            }

            if (!PolicyDocument.TryParse(role.AssumeRolePolicyDocument, out var trust, out var problem))
            {
                session.Host.WriteWarning($"Skipping role '{role.RoleName}': its trust policy could not be read ({problem!.Message}).");
                continue;
            }

            var report = TrustPolicyInspector.Inspect(trust!);
            var trustsIt = issuer is null
                ? report.Grants.Any(g => g.Issuers.Count > 0)
                : report.Grants.Any(g => g.Issuers.Contains(issuer));
            if (trustsIt)
            {
                result.Add(Describe(role, trust!, clusterNames, cluster, issuer, null, null));
            }
        }

        return result;
    }

    private static IrsaRole Describe(
        Role role, PolicyDocument trust, IReadOnlyDictionary<string, string>? clusterNames, IrsaCluster? cluster, OidcIssuer? issuer,
        IReadOnlyList<string>? attached, IReadOnlyList<string>? inline)
    {
        // The pipeline keys name a service account only when the role admits exactly one exact one of this cluster.
        var exact = TrustPolicyInspector.ListSubjects(trust)
            .Where(s => !s.IsPattern && (issuer is null || s.Issuer.Equals(issuer)))
            .Select(s => new { s.Namespace, s.ServiceAccountName, Audience = s.Audiences.Count == 1 ? s.Audiences[0] : null })
            .Distinct()
            .ToList();
        var only = exact.Count == 1 ? exact[0] : null;
        return RoleView.Create(
            role,
            trust,
            clusterNames,
            cluster?.ClusterName,
            only is null ? null : new ServiceAccountRef(only.Namespace, only.ServiceAccountName),
            only?.Audience,
            attached,
            inline);
    }
}
