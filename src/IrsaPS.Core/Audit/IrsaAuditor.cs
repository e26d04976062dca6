using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Audit.Checks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Audit;

/// <summary>
/// Invoke-IrsaAudit's core: validates the request (before any call), gathers a snapshot with the fewest calls the selected
/// checks need (<see cref="AuditGatherer"/>), indexes it, runs the checks in memory and returns the findings in a
/// deterministic order. <see cref="Evaluate"/> runs the checks over a snapshot built by hand, with no server at all.
/// </summary>
internal sealed class IrsaAuditor
{
    private const string ChecksTitle = "Running IRSA checks";

    private readonly AwsConnection _aws;
    private readonly KubernetesClient? _kube;
    private readonly IOperationHost _host;

    public IrsaAuditor(AwsConnection aws, KubernetesClient? kube, IOperationHost? host = null)
    {
        _aws = aws ?? throw new ArgumentNullException(nameof(aws));
        _kube = kube;
        _host = host ?? SilentHost.Instance;
    }

    /// <summary>Audits <paramref name="clusterName"/> and the account. Throws <see cref="IrsaValidationException"/> for bad options before any call.</summary>
    public async Task<AuditResult> RunAsync(string clusterName, AuditOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= AuditOptions.Default;
        EksNames.ValidateClusterName(clusterName);
        var checks = Validate(options);
        var started = DateTimeOffset.UtcNow;
        var needs = checks.Aggregate(AuditNeeds.None, (all, check) => all | check.Info.Needs);
        var snapshot = await new AuditGatherer(_aws, _kube, _host).GatherAsync(clusterName, needs, options, cancellationToken).ConfigureAwait(false);
        return Run(snapshot, options, checks, _host, started);
    }

    /// <summary>
    /// Invoke-IrsaAudit's entry point: validates the options (before any call), resolves the cluster afresh through the
    /// session (its OIDC provider only when a selected check needs the provider's client IDs), and audits it.
    /// </summary>
    public static async Task<AuditResult> AuditAsync(IrsaSession session, string clusterName, AuditOptions? options, CancellationToken cancellationToken)
    {
        if (session is null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        options ??= AuditOptions.Default;
        EksNames.ValidateClusterName(clusterName);
        var needs = Validate(options).Aggregate(AuditNeeds.None, (all, check) => all | check.Info.Needs);
        var cluster = (needs & AuditNeeds.ProviderClientIds) != 0
            ? await session.GetClusterAsync(clusterName, cancellationToken, fresh: true).ConfigureAwait(false)
            : await ClusterResolver.ResolveAsync(session.Aws, clusterName, readProvider: false, cancellationToken).ConfigureAwait(false);
        var kube = (needs & (AuditNeeds.ServiceAccounts | AuditNeeds.Pods)) != 0
            ? await session.GetKubernetesAsync(clusterName, cancellationToken).ConfigureAwait(false)
            : null;
        return await new IrsaAuditor(session.Aws, kube, session.Host).RunAsync(cluster, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Audits the resolved <paramref name="cluster"/> (not described again) and the account.</summary>
    public async Task<AuditResult> RunAsync(IrsaCluster cluster, AuditOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= AuditOptions.Default;
        var checks = Validate(options);
        var started = DateTimeOffset.UtcNow;
        var needs = checks.Aggregate(AuditNeeds.None, (all, check) => all | check.Info.Needs);
        var snapshot = await new AuditGatherer(_aws, _kube, _host).GatherAsync(cluster, needs, options, cancellationToken).ConfigureAwait(false);
        return Run(snapshot, options, checks, _host, started);
    }

    /// <summary>Runs the selected checks over <paramref name="snapshot"/>: pure, no calls.</summary>
    public static AuditResult Evaluate(AuditSnapshot snapshot, AuditOptions? options = null, IOperationHost? host = null)
    {
        if (snapshot is null)
        {
            throw new ArgumentNullException(nameof(snapshot));
        }

        options ??= AuditOptions.Default;
        return Run(snapshot, options, Validate(options), host ?? SilentHost.Instance, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Checks the options (check ids and names, the boundary ARN, page sizes) and returns the checks that would run, without
    /// any call: Invoke-IrsaAudit calls it before it connects anywhere. Throws <see cref="IrsaValidationException"/>.
    /// </summary>
    public static IReadOnlyList<AuditCheckInfo> ValidateOptions(AuditOptions options) =>
        Validate(options ?? throw new ArgumentNullException(nameof(options))).Select(c => c.Info).ToList();

    /// <summary>Checks the options and returns the checks to run; throws before anything is sent.</summary>
    internal static IReadOnlyList<AuditCheck> Validate(AuditOptions options)
    {
        if (options.RequiredPermissionsBoundaryArn is not null)
        {
            Arn.ParsePolicy(options.RequiredPermissionsBoundaryArn);
        }

        Range(options.RolePageSize, 1, 1000, "RolePageSize");
        Range(options.KubernetesPageSize, 1, 10000, "KubernetesPageSize");
        Range(options.MaxParallelCalls, 1, 32, "MaxParallelCalls");
        Range(options.ActivityDays, 1, Activity.ActivityWindow.LookupEventsDays, "ActivityDays");
        Range(options.UnusedRoleDays, 1, 400, "UnusedRoleDays");
        return AuditCheckCatalog.SelectChecks(options.Checks, options.RequiredPermissionsBoundaryArn is not null, options.IncludeCloudTrail);
    }

    private static AuditResult Run(AuditSnapshot snapshot, AuditOptions options, IReadOnlyList<AuditCheck> checks, IOperationHost host, DateTimeOffset started)
    {
        var findings = new List<IrsaFinding>();
        var context = new AuditContext(snapshot, options);
        try
        {
            for (var i = 0; i < checks.Count; i++)
            {
                var check = checks[i];
                host.WriteProgress(new OperationProgress(ProgressActivities.AuditChecks, ChecksTitle, $"{check.Id} {check.Info.Name}", i * 100 / checks.Count));
                findings.AddRange(check.Run(context));
            }
        }
        finally
        {
            host.WriteProgress(OperationProgress.Complete(ProgressActivities.AuditChecks, ChecksTitle));
        }

        findings.Sort(Compare);
        return new AuditResult
        {
            ClusterName = snapshot.Cluster.Name,
            Findings = findings,
            Checks = checks.Select(c => c.Info).ToList(),
            Statistics = new AuditStatistics
            {
                Roles = snapshot.Roles.Count,
                ClusterRoles = context.Index.ClusterRoles.Count,
                OidcProviders = snapshot.OidcProviders.Count,
                ServiceAccounts = snapshot.ServiceAccounts.Count,
                AnnotatedServiceAccounts = context.Index.AnnotatedServiceAccounts.Count,
                PodsListed = snapshot.PodsListed,
                PodsExamined = snapshot.Pods.Count,
                NodesListed = snapshot.NodesListed,
                Instances = snapshot.Instances.Count,
            },
            StartedAt = started,
            CompletedAt = DateTimeOffset.UtcNow,
        };
    }

    private static int Compare(IrsaFinding a, IrsaFinding b)
    {
        var order = string.CompareOrdinal(a.CheckId, b.CheckId);
        if (order == 0)
        {
            order = string.CompareOrdinal(a.Resource, b.Resource);
        }

        return order != 0 ? order : string.CompareOrdinal(a.Fingerprint, b.Fingerprint);
    }

    private static void Range(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new IrsaValidationException(ErrorIds.InvalidAuditOption, $"{name} {value} is not valid: use {min} to {max}.", name);
        }
    }
}
