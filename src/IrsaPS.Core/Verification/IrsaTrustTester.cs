using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Verification;

/// <summary>
/// Test-IrsaTrust's fetching layer: reads the service account, the role (GetRole) and the OIDC provider
/// (GetOpenIDConnectProvider), hands them to <see cref="TrustVerifier"/>, and with -Live runs <see cref="LiveTrustProbe"/>.
/// Roles and providers are read once per tester and shared by every service account tested with it, so
/// <c>-AllNamespaces</c> over 500 service accounts of 20 roles makes 20 GetRole calls. Thread-safe.
/// </summary>
internal sealed partial class IrsaTrustTester
{
    private readonly AwsConnection _aws;
    private readonly KubernetesClient _kube;
    private readonly IOperationHost _host;
    private readonly ConcurrentDictionary<string, Lazy<Task<RoleTrust?>>> _roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<OidcProviderState>>> _providers = new(StringComparer.Ordinal);

    public IrsaTrustTester(AwsConnection aws, KubernetesClient kube, IOperationHost? host = null)
    {
        _aws = aws ?? throw new ArgumentNullException(nameof(aws));
        _kube = kube ?? throw new ArgumentNullException(nameof(kube));
        _host = host ?? SilentHost.Instance;
    }

    /// <summary>Tests one service account of <paramref name="cluster"/> (the output of Get-IrsaCluster).</summary>
    public Task<IrsaTrustResult> TestAsync(IrsaCluster cluster, string ns, string serviceAccountName, TrustTestOptions? options = null, CancellationToken cancellationToken = default) =>
        TestAsync(TrustClusterContext.From(cluster), ns, serviceAccountName, options, cancellationToken);

    /// <summary>
    /// Tests one service account. Bad input (names, -RoleArn, options) throws <see cref="IrsaValidationException"/>
    /// before any call; a missing service account, annotation, role or provider is a reason in the result.
    /// </summary>
    public async Task<IrsaTrustResult> TestAsync(TrustClusterContext cluster, string ns, string serviceAccountName, TrustTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = Validate(options);
        TrustVerifier.Plan(cluster, ns, serviceAccountName, null, options.RoleArn);
        var serviceAccount = await _kube.FindServiceAccountAsync(ns, serviceAccountName, cancellationToken).ConfigureAwait(false);
        return await TestAsync(cluster, ns, serviceAccountName, serviceAccount, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tests every service account that has the role-arn annotation (in every namespace, or in <paramref name="ns"/>), ordered by namespace and name.</summary>
    public Task<IReadOnlyList<IrsaTrustResult>> TestAllAsync(IrsaCluster cluster, string? ns = null, TrustTestOptions? options = null, CancellationToken cancellationToken = default) =>
        TestAllAsync(TrustClusterContext.From(cluster), ns, options, cancellationToken);

    public async Task<IReadOnlyList<IrsaTrustResult>> TestAllAsync(TrustClusterContext cluster, string? ns = null, TrustTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (cluster is null)
        {
            throw new ArgumentNullException(nameof(cluster));
        }

        options = Validate(options);
        if (options.RoleArn is not null)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                "-RoleArn tests one service account against a role; it cannot be combined with testing every annotated service account (-AllNamespaces).");
        }

        if (ns is not null)
        {
            Validation.KubernetesNames.ValidateNamespace(ns);
        }

        const string title = "Testing IRSA trust";
        _host.WriteProgress(new OperationProgress(ProgressActivities.TrustTest, title, "Listing annotated service accounts"));
        try
        {
            var annotated = new List<KubeServiceAccount>();
            await _kube.ForEachServiceAccountPageAsync(
                ns,
                page =>
                {
                    annotated.AddRange(page.Items.Where(sa => sa.Irsa.RoleArn is not null));
                    return Task.CompletedTask;
                },
                null,
                cancellationToken).ConfigureAwait(false);
            annotated.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));

            var results = new IrsaTrustResult[annotated.Count];
            var done = 0;
            using var gate = new SemaphoreSlim(options.MaxParallelism);
            var tasks = annotated.Select(async (sa, i) =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    results[i] = await TestAsync(cluster, sa.Namespace, sa.Name, sa, options, cancellationToken).ConfigureAwait(false);
                    var n = Interlocked.Increment(ref done);
                    _host.WriteProgress(new OperationProgress(ProgressActivities.TrustTest, title, string.Format(CultureInfo.InvariantCulture, "{0} of {1} service accounts", n, annotated.Count), n * 100 / annotated.Count));
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(tasks).ConfigureAwait(false);
            return results;
        }
        finally
        {
            _host.WriteProgress(OperationProgress.Complete(ProgressActivities.TrustTest, title));
        }
    }

    private async Task<IrsaTrustResult> TestAsync(TrustClusterContext cluster, string ns, string serviceAccountName, KubeServiceAccount? serviceAccount, TrustTestOptions options, CancellationToken cancellationToken)
    {
        var target = TrustVerifier.Plan(cluster, ns, serviceAccountName, serviceAccount, options.RoleArn);
        RoleTrust? role = null;
        OidcProviderState? provider = null;
        if (target.NeedsRole)
        {
            var roleTask = GetRoleAsync(target.Role!.Name, cancellationToken);
            var providerTask = GetProviderAsync(target.ProviderArn!, cancellationToken);
            role = await roleTask.ConfigureAwait(false);
            provider = await providerTask.ConfigureAwait(false);
        }

        var result = TrustVerifier.Evaluate(target, role, provider);
        if (options.Live && serviceAccount is not null && target.Role is not null)
        {
            _host.WriteVerbose($"Live test of {target.Key}: TokenRequest (audience {target.Audience}), AssumeRoleWithWebIdentity {target.RoleArnText}, GetCallerIdentity.");
            var live = await LiveTrustProbe.RunAsync(_aws, _kube, target, options.LiveTokenExpirationSeconds, cancellationToken).ConfigureAwait(false);
            result = TrustVerifier.WithLive(result, live);
        }

        return result;
    }

    private Task<RoleTrust?> GetRoleAsync(string roleName, CancellationToken cancellationToken) =>
        Shared(_roles, roleName, async () =>
        {
            try
            {
                var response = await _aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, cancellationToken).ConfigureAwait(false);
                return new RoleTrust(response.Role.Arn, response.Role.RoleName, response.Role.AssumeRolePolicyDocument);
            }
            catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
            {
                return (RoleTrust?)null;
            }
        });

    private Task<OidcProviderState> GetProviderAsync(string providerArn, CancellationToken cancellationToken) =>
        Shared(_providers, providerArn, async () =>
        {
            try
            {
                var response = await _aws.Iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = providerArn }, cancellationToken).ConfigureAwait(false);
                return OidcProviderState.Found(providerArn, response.ClientIDList);
            }
            catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
            {
                return OidcProviderState.Missing(providerArn);
            }
        });

    /// <summary>One fetch per key, shared by concurrent callers; a failed fetch is forgotten so the next caller retries.</summary>
    private static async Task<T> Shared<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Func<Task<T>> fetch)
    {
        var lazy = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(fetch, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            cache.TryRemove(key, out _);
            throw;
        }
    }

    private static TrustTestOptions Validate(TrustTestOptions? options)
    {
        options ??= TrustTestOptions.Default;
        if (options.MaxParallelism is < 1 or > 32)
        {
            throw new IrsaValidationException(ErrorIds.InvalidAuditOption, $"MaxParallelism {options.MaxParallelism} is not valid: use 1 to 32.");
        }

        if (options.LiveTokenExpirationSeconds is < LiveTrustProbe.MinimumTokenSeconds or > 86400)
        {
            throw new IrsaValidationException(ErrorIds.InvalidAuditOption, $"A live-test token lifetime of {options.LiveTokenExpirationSeconds} s is not valid: use 600 to 86400 seconds.");
        }

        return options;
    }
}
