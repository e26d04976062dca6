using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>The checks, in id order, and how -Check (and -IncludeCloudTrail) select among them.</summary>
internal static class AuditCheckCatalog
{
    internal static readonly IReadOnlyList<AuditCheck> Checks =
    [
        new TrustWithoutSubjectCheck(),
        new WildcardSubjectCheck(),
        new AudienceCheck(),
        new StringEqualsWildcardCheck(),
        new FederatedProviderCheck(),
        new AnnotatedRoleMissingCheck(),
        new AnnotatedRoleDoesNotTrustCheck(),
        new SharedRoleCheck(),
        new TrustPolicySizeCheck(),
        new OidcProviderLimitCheck(),
        new HostNetworkPodCheck(),
        new PodWithoutIrsaEnvCheck(),
        new BroadAssumeRoleCheck(),
        new PermissionsBoundaryCheck(),
        new AdministratorAccessCheck(),
        new ClusterSupportCheck(),
        new PodIdentity.AnnotationShadowsAssociationCheck(),
        new PodIdentity.AssociationRoleDoesNotTrustCheck(),
        new PodIdentity.PodIdentityTrustNotPinnedCheck(),
        new PodIdentity.AssociationWithoutServiceAccountCheck(),
        new PodIdentity.PodStartedBeforeIdentityChangeCheck(),
        new PodIdentity.PodIdentityAgentMissingCheck(),
        new UnusedRoleCheck(),
        new UnusedTrustGrantCheck(),
        new RefusedAssumptionCheck(),
        new DeletedServiceAccountAssumptionCheck(),
        new ControllerPolicyOutdatedCheck(),
        new ControllerPolicyUnscopedCheck(),
    ];

    /// <summary>Every check, in id order.</summary>
    public static IReadOnlyList<AuditCheckInfo> All { get; } = Checks.Select(c => c.Info).ToList();

    /// <summary>The check with this id (<c>IRSA007</c>) or name (<c>AnnotatedRoleDoesNotTrust</c>), case-insensitive; null when none.</summary>
    public static AuditCheckInfo? Find(string idOrName) => FindCheck(idOrName)?.Info;

    /// <summary>
    /// The checks to run: the named ones (in id order, duplicates removed), or the default set (plus IRSA014 when a
    /// boundary is required). Throws <c>UnknownAuditCheck</c> naming the known checks, before anything is sent.
    /// </summary>
    public static IReadOnlyList<AuditCheckInfo> Select(IReadOnlyList<string>? checks, bool boundaryRequired = false, bool includeCloudTrail = false) =>
        SelectChecks(checks, boundaryRequired, includeCloudTrail).Select(c => c.Info).ToList();

    internal static IReadOnlyList<AuditCheck> SelectChecks(IReadOnlyList<string>? checks, bool boundaryRequired, bool includeCloudTrail = false)
    {
        if (checks is null || checks.Count == 0)
        {
            return Checks.Where(c => c.Info.InDefaultSet || (boundaryRequired && c is PermissionsBoundaryCheck) || (includeCloudTrail && c is ActivityCheck)).ToList();
        }

        var selected = new HashSet<AuditCheck>();
        foreach (var name in checks)
        {
            var check = FindCheck(name) ?? throw new IrsaValidationException(
                ErrorIds.UnknownAuditCheck,
                $"There is no audit check '{name}'. Use an id or a name: {string.Join(", ", Checks.Select(c => c.Id + " " + c.Info.Name))}.",
                name);
            selected.Add(check);
        }

        return Checks.Where(selected.Contains).ToList();
    }

    private static AuditCheck? FindCheck(string? idOrName)
    {
        var text = idOrName?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Checks.FirstOrDefault(c => string.Equals(c.Id, text, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Info.Name, text, StringComparison.OrdinalIgnoreCase));
    }
}
