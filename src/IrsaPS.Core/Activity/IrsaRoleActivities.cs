using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Activity;

/// <summary>
/// Get-IrsaRoleActivity's core. Checks everything first (window, names, regions, paths: nothing is sent for bad input),
/// then: the caller's account; the named clusters' issuers; the roles (one GetRole for one role, otherwise the account's
/// roles from GetAccountAuthorizationDetails, ceil(n/1000) pages, which carry each role's trust and RoleLastUsed, so
/// nothing is read per role); the AssumeRoleWithWebIdentity events from LookupEvents
/// (<see cref="LookupEventsActivityReader"/>) or trail files (<see cref="TrailFileActivityReader"/>); the rows
/// (<see cref="RoleActivityRows"/>). Cancellation (Ctrl+C) ends the read, not the operation: the rows then cover what
/// was read and say so (<c>Complete = false</c>).
/// </summary>
public static class IrsaRoleActivities
{
    private const int DetailsPageSize = 1000;

    public static async Task<RoleActivityResult> GetAsync(IrsaSession session, RoleActivityRequest request, CancellationToken cancellationToken = default)
    {
        if (session is null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // Everything that can be checked without a call.
        var fromFiles = request.Paths.Count > 0;
        var now = (request.Clock ?? (() => DateTime.UtcNow))();
        var window = ActivityWindow.Resolve(request.Days, request.StartTime, request.EndTime, lookupEvents: !fromFiles, now);
        var roleNames = request.RoleNames.Select(IamNames.ValidateRoleName).ToList();
        var roleArns = request.RoleArns.Select(Arn.ParseRole).ToList();
        var clusterNames = request.ClusterNames.Select(EksNames.ValidateClusterName).Distinct(StringComparer.Ordinal).ToList();
        var ns = request.Namespace is null ? null : KubernetesNames.ValidateNamespace(request.Namespace);
        var sa = request.ServiceAccountName is null ? null : KubernetesNames.ValidateServiceAccountName(request.ServiceAccountName);
        var regions = request.Regions.Select(r => AwsRegionResolver.Validate(r.Trim())).Distinct(StringComparer.Ordinal).ToList();
        var files = fromFiles ? TrailFileSet.Find(request.Paths, regions.Count == 0 ? null : regions, window.Start, window.End) : [];

        var identity = await session.Aws.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        if (roleArns.FirstOrDefault(a => a.Account != identity.Account) is { } arn)
        {
            throw new IrsaValidationException(
                ErrorIds.RoleOfAnotherAccount,
                $"'{arn}' is a role of account {arn.Account}, not of {identity.Account}: its AssumeRoleWithWebIdentity events are recorded in its own account's CloudTrail. Run Get-IrsaRoleActivity with credentials of account {arn.Account}.",
                arn.ToString());
        }

        var clusterByIssuer = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in clusterNames)
        {
            var cluster = await session.GetClusterAsync(name, cancellationToken).ConfigureAwait(false);
            clusterByIssuer[ClusterResolver.RequireIrsaIssuer(cluster).HostPath] = cluster.ClusterName;
        }

        var named = roleNames.Concat(roleArns.Select(a => a.Name)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var roles = await ReadRolesAsync(session, named, clusterByIssuer.Count == 0 ? null : clusterByIssuer.Keys, cancellationToken).ConfigureAwait(false);
        await NameClustersAsync(session, roles, clusterByIssuer, cancellationToken).ConfigureAwait(false);

        var aggregator = new ActivityAggregator(window, roles.Select(r => r.Arn), request.DistinctValueLimit);
        ActivityReadResult read;
        if (roles.Count == 0)
        {
            session.Host.WriteWarning(clusterNames.Count == 0
                ? "No IAM role of the account trusts an OIDC provider: there is no IRSA activity to read."
                : $"No IAM role trusts the OIDC issuer of {string.Join(", ", clusterNames)}: there is no IRSA activity to read.");
            read = new ActivityReadResult { Source = fromFiles ? "TrailFiles" : "LookupEvents" };
        }
        else if (fromFiles)
        {
            read = await TrailFileActivityReader.ReadAsync(files, regions.Count == 0 ? null : regions, aggregator, session.Host, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            read = await LookupEventsActivityReader.ReadAsync(
                session.Aws, regions.Count == 0 ? [session.Aws.Region] : regions, aggregator, roles.Select(r => r.Arn).ToList(), request.Strategy, session.Host, cancellationToken).ConfigureAwait(false);
        }

        if (!read.Complete)
        {
            session.Host.WriteWarning($"CloudTrail was {read.StopReason}: the activity covers only the {aggregator.EventsRead.ToString("N0", CultureInfo.InvariantCulture)} AssumeRoleWithWebIdentity event(s) read so far.");
        }

        var rows = RoleActivityRows.Build(roles, aggregator.Entries, clusterByIssuer, identity.Partition, identity.Account, window, read, aggregator.DistinctValueLimit, ns, sa);
        return new RoleActivityResult
        {
            Activities = rows,
            Window = window,
            Read = read,
            EventsRead = aggregator.EventsRead,
            EventsMatched = aggregator.EventsMatched,
            Roles = roles.Count,
        };
    }

    /// <summary>
    /// The named roles (GetRole for one; the account's authorization details for more), or every role whose trust has a
    /// web-identity Allow naming one of <paramref name="issuers"/> (any issuer when null).
    /// </summary>
    private static async Task<IReadOnlyList<ActivityRole>> ReadRolesAsync(IrsaSession session, List<string> named, IEnumerable<string>? issuers, CancellationToken cancellationToken)
    {
        if (named.Count == 1)
        {
            var role = await IrsaRoles.GetRoleAsync(session.Aws, named[0], cancellationToken).ConfigureAwait(false);
            return [new ActivityRole(role.Arn, role.RoleName, role.AssumeRolePolicyDocument, role.RoleLastUsed?.LastUsedDate, role.RoleLastUsed?.Region)];
        }

        var all = await AwsPaging.ReadAllAsync(
            marker => session.Aws.Iam.GetAccountAuthorizationDetailsAsync(
                new GetAccountAuthorizationDetailsRequest { Filter = ["Role"], Marker = marker, MaxItems = DetailsPageSize },
                cancellationToken),
            page => page.RoleDetailList.Select(r => new ActivityRole(r.Arn, r.RoleName, r.AssumeRolePolicyDocument, r.RoleLastUsed?.LastUsedDate, r.RoleLastUsed?.Region)),
            "IAM",
            "GetAccountAuthorizationDetails").ConfigureAwait(false);

        if (named.Count > 0)
        {
            var byName = all.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            var missing = named.Where(n => !byName.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                throw new IrsaException(
                    ErrorIds.RoleNotFound,
                    IrsaErrorKind.NotFound,
                    $"IAM role(s) {string.Join(", ", missing.Select(m => "'" + m + "'"))} do not exist in this account. Get-IrsaRole -ClusterName <cluster> lists the roles that trust a cluster.",
                    missing[0]);
            }

            return named.Select(n => byName[n]).ToList();
        }

        var wanted = issuers is null ? null : new HashSet<string>(issuers, StringComparer.OrdinalIgnoreCase);
        return all.Where(r => TrustedIssuers(r).Any(i => wanted is null || wanted.Contains(i))).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The issuers a role's Allow web-identity statements trust (host/path).</summary>
    internal static IEnumerable<string> TrustedIssuers(ActivityRole role) =>
        (role.Trust.Report?.Grants ?? [])
            .Where(g => g.Effect == PolicyEffect.Allow && g.AllowsWebIdentity && !g.PrincipalIsNegated)
            .SelectMany(g => g.Issuers)
            .Select(i => i.HostPath);

    /// <summary>
    /// Names the EKS clusters of the connection's region whose issuers the roles trust and that were not named already
    /// (ListClusters and one DescribeCluster per cluster, each cached by the session). A failure only leaves names out.
    /// </summary>
    private static async Task NameClustersAsync(IrsaSession session, IReadOnlyList<ActivityRole> roles, Dictionary<string, string> clusterByIssuer, CancellationToken cancellationToken)
    {
        var prefix = "oidc.eks." + session.Aws.Region + ".";
        var unknown = roles.SelectMany(TrustedIssuers).Where(i => i.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !clusterByIssuer.ContainsKey(i)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var name in await session.Aws.Eks.ListAllClustersAsync(null, cancellationToken).ConfigureAwait(false))
            {
                var cluster = await session.GetClusterAsync(name, cancellationToken).ConfigureAwait(false);
                if (cluster.Issuer is not null && OidcIssuer.TryParse(cluster.Issuer, out var issuer))
                {
                    clusterByIssuer[issuer.HostPath] = cluster.ClusterName;
                }
            }
        }
        catch (IrsaException ex) when (ex is not IrsaValidationException && !cancellationToken.IsCancellationRequested)
        {
            session.Host.WriteWarning($"The clusters of {session.Aws.Region} could not be listed to name the roles' issuers ({ex.Message}); rows show the issuer instead of the cluster name.");
        }
    }
}
