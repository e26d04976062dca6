using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Operations;

/// <summary>
/// What tab completion offers for cluster names, role names, namespaces and ServiceAccount names. Lists are read once
/// and kept for <see cref="CacheLifetime"/> per connection (pressing Tab repeatedly must not call AWS every time), then
/// filtered by what was typed (a prefix, or a pattern with <c>*</c> / <c>?</c>), case-insensitively, sorted.
/// Role names stop after <see cref="MaxRolePages"/> pages of ListRoles so that huge accounts still complete quickly.
/// </summary>
public static class CompletionQueries
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);

    public const int MaxRolePages = 3;

    private static readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, IReadOnlyList<string> Names)> Cache = new(StringComparer.Ordinal);

    public static Task<IReadOnlyList<string>> ClusterNamesAsync(IrsaSession session, string? typed, CancellationToken cancellationToken) =>
        FilteredAsync(
            "clusters|" + AwsKey(session),
            async ct => (IReadOnlyList<string>)await session.Aws.Eks.ListAllClustersAsync(null, ct).ConfigureAwait(false),
            typed,
            cancellationToken);

    public static Task<IReadOnlyList<string>> RoleNamesAsync(IrsaSession session, string? typed, CancellationToken cancellationToken) =>
        FilteredAsync("roles|" + AwsKey(session), ct => ListRoleNamesAsync(session, ct), typed, cancellationToken);

    public static Task<IReadOnlyList<string>> NamespacesAsync(IrsaSession session, string? clusterName, string? typed, CancellationToken cancellationToken) =>
        FilteredAsync(
            "namespaces|" + KubeKey(session, clusterName),
            async ct =>
            {
                var kube = await session.GetKubernetesAsync(clusterName, ct).ConfigureAwait(false);
                return (await kube.ListNamespacesAsync(ct).ConfigureAwait(false)).Select(n => n.Name).ToList();
            },
            typed,
            cancellationToken);

    /// <summary>ServiceAccounts of <paramref name="namespace"/> (the kubeconfig context's namespace when null).</summary>
    public static Task<IReadOnlyList<string>> ServiceAccountNamesAsync(
        IrsaSession session, string? clusterName, string? @namespace, string? typed, CancellationToken cancellationToken) =>
        FilteredAsync(
            "serviceaccounts|" + KubeKey(session, clusterName) + "|" + @namespace,
            async ct =>
            {
                var kube = await session.GetKubernetesAsync(clusterName, ct).ConfigureAwait(false);
                var accounts = await kube.ListServiceAccountsAsync(@namespace ?? kube.Connection.Namespace, null, ct).ConfigureAwait(false);
                return accounts.Select(a => a.Name).ToList();
            },
            typed,
            cancellationToken);

    /// <summary>Region names the SDK knows (offline), e.g. for -Region.</summary>
    public static IReadOnlyList<string> Regions(string? typed) =>
        Filter(Amazon.RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName), typed);

    /// <summary>Audit check ids and names (offline), e.g. for Invoke-IrsaAudit -Check.</summary>
    public static IReadOnlyList<string> AuditChecks(string? typed) =>
        Filter(Audit.Checks.AuditCheckCatalog.All.SelectMany(c => new[] { c.Id, c.Name }), typed);

    /// <summary>Forgets every cached list (tests; a user who just created something sees it after the lifetime anyway).</summary>
    public static void ClearCache() => Cache.Clear();

    internal static IReadOnlyList<string> Filter(IEnumerable<string> names, string? typed)
    {
        var text = (typed ?? string.Empty).Trim('\'', '"');
        var pattern = text + "*";
        return names.Where(n => WildcardMatcher.IsMatch(n, pattern, ignoreCase: true)).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static async Task<IReadOnlyList<string>> FilteredAsync(
        string key, Func<CancellationToken, Task<IReadOnlyList<string>>> read, string? typed, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (!Cache.TryGetValue(key, out var entry) || now - entry.ReadAt > CacheLifetime)
        {
            entry = (now, await read(cancellationToken).ConfigureAwait(false));
            Cache[key] = entry;
        }

        return Filter(entry.Names, typed);
    }

    private static async Task<IReadOnlyList<string>> ListRoleNamesAsync(IrsaSession session, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await AwsPaging.ForEachPageAsync(
            marker => session.Aws.Iam.ListRolesAsync(new ListRolesRequest { Marker = marker, MaxItems = RoleScan.PageSize }, cancellationToken),
            page => names.AddRange(page.Roles.Select(r => r.RoleName)),
            "IAM",
            "ListRoles",
            maxPages: MaxRolePages).ConfigureAwait(false);
        return names;
    }

    // Connection identity without secrets: where the calls go and as whom (the access key id is not a secret).
    private static string AwsKey(IrsaSession session)
    {
        var aws = session.Settings.Aws;
        return string.Join("|", aws.Region, aws.SessionRegion, aws.ProfileName, aws.ProfileLocation, aws.EndpointUrl, aws.AccessKey,
            Environment.GetEnvironmentVariable("AWS_PROFILE"), Environment.GetEnvironmentVariable("AWS_REGION"), Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));
    }

    private static string KubeKey(IrsaSession session, string? clusterName) =>
        string.Join("|", session.Settings.KubeConfigPath, session.Settings.KubeContext, clusterName, Environment.GetEnvironmentVariable("KUBECONFIG"),
            clusterName is null ? null : AwsKey(session));
}
