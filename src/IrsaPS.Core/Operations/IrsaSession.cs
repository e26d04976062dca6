using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Operations;

/// <summary>
/// One cmdlet invocation's view of the world: the AWS connection (created on first use, so importing the module and
/// offline cmdlets never touch AWS), Kubernetes clients per cluster, resolved clusters (cached: a pipeline of 50 service
/// accounts resolves its cluster once), the host that hears verbose/warning/progress/confirmation, and the options.
/// </summary>
public sealed class IrsaSession : IDisposable
{
    private readonly Lazy<AwsConnection> _aws;
    private readonly Lazy<AwsEksTokenSource> _tokenSource;
    private readonly ConcurrentDictionary<string, Lazy<Task<IrsaCluster>>> _clusters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<KubernetesClient>> _kubernetes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> _memos = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public IrsaSession(IrsaSessionSettings settings, IOperationHost host)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Host = host ?? throw new ArgumentNullException(nameof(host));
        _aws = new Lazy<AwsConnection>(CreateAwsConnection, LazyThreadSafetyMode.ExecutionAndPublication);
        _tokenSource = new Lazy<AwsEksTokenSource>(() => new AwsEksTokenSource(_aws, Settings.Aws), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IrsaSessionSettings Settings { get; }

    public IOperationHost Host { get; }

    internal IrsaOperationOptions Options => Settings.Options;

    /// <summary>The AWS connection; resolving it checks region and credentials before any request.</summary>
    internal AwsConnection Aws => _aws.Value;

    /// <summary>
    /// The EKS cluster, resolved once per session and shared with the sessions of later cmdlets through
    /// <see cref="ResolvedClusterCache"/>; <paramref name="fresh"/> reads AWS again (the audit judges what is there now).
    /// </summary>
    public Task<IrsaCluster> GetClusterAsync(string clusterName, CancellationToken cancellationToken, bool fresh = false)
    {
        if (fresh)
        {
            ForgetCluster(clusterName);
        }

        var lazy = _clusters.GetOrAdd(clusterName, name => new Lazy<Task<IrsaCluster>>(
            () => ResolveSharedAsync(name, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failure is not remembered: the next item may succeed (throttling, a typo fixed in the next row).
            _clusters.TryRemove(clusterName, out _);
        }

        return task;
    }

    /// <summary>
    /// A value computed once per session and key (e.g. whether a cluster runs the EKS Pod Identity Agent, read once for a
    /// pipeline of 50 service accounts). A failure is not remembered.
    /// </summary>
    public Task<T> MemoizeAsync<T>(string key, Func<Task<T>> compute)
    {
        var lazy = _memos.GetOrAdd(key, _ => new Lazy<Task<object?>>(async () => await compute().ConfigureAwait(false), LazyThreadSafetyMode.ExecutionAndPublication));
        return Unwrap(key, lazy.Value);

        async Task<T> Unwrap(string memoKey, Task<object?> task)
        {
            try
            {
                return (T)(await task.ConfigureAwait(false))!;
            }
            catch
            {
                _memos.TryRemove(memoKey, out _);
                throw;
            }
        }
    }

    /// <summary>Forgets a memoized value (the state it described was just changed).</summary>
    public void Forget(string key) => _memos.TryRemove(key, out _);

    /// <summary>Forgets what was resolved about a cluster (its provider was just registered or deleted), here and for later cmdlets.</summary>
    public void ForgetCluster(string clusterName)
    {
        _clusters.TryRemove(clusterName, out _);
        ResolvedClusterCache.Shared.Forget(ResolvedClusterCache.KeyOf(Settings.Aws, Aws.Region, clusterName));
    }

    private async Task<IrsaCluster> ResolveSharedAsync(string clusterName, CancellationToken cancellationToken)
    {
        var key = ResolvedClusterCache.KeyOf(Settings.Aws, Aws.Region, clusterName);
        if (ResolvedClusterCache.Shared.TryGet(key, out var known))
        {
            Host.WriteVerbose($"Cluster '{clusterName}' as resolved {ResolvedClusterCache.Shared.Lifetime.TotalMinutes:0} min ago at most (DescribeCluster not repeated).");
            return known;
        }

        var cluster = await ClusterResolver.ResolveAsync(Aws, clusterName, cancellationToken).ConfigureAwait(false);
        ResolvedClusterCache.Shared.Store(key, cluster);
        return cluster;
    }

    /// <summary>
    /// The Kubernetes client for <paramref name="clusterName"/> (or for the kubeconfig's current context when null),
    /// chosen by <see cref="KubernetesTargetResolver"/>.
    /// </summary>
    internal async Task<KubernetesClient> GetKubernetesAsync(string? clusterName, CancellationToken cancellationToken)
    {
        IrsaCluster? cluster = null;
        if (clusterName is not null)
        {
            cluster = await GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
        }

        var lazy = _kubernetes.GetOrAdd(clusterName ?? string.Empty, _ => new Lazy<KubernetesClient>(
            () => new KubernetesClient(
                KubernetesTargetResolver.Resolve(Settings, cluster, _tokenSource.Value, Host),
                WithObserver(Settings.KubernetesClient)),
            LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _kubernetes.TryRemove(clusterName ?? string.Empty, out _);
            throw;
        }
    }

    private KubernetesClientOptions WithObserver(KubernetesClientOptions? options)
    {
        var observer = new OperationHostRequestObserver(Host);
        if (options is null)
        {
            return new KubernetesClientOptions { Observer = observer };
        }

        return new KubernetesClientOptions
        {
            MaxAttempts = options.MaxAttempts,
            BaseRetryDelay = options.BaseRetryDelay,
            MaxRetryDelay = options.MaxRetryDelay,
            RequestTimeout = options.RequestTimeout,
            TotalTimeout = options.TotalTimeout,
            DefaultPageSize = options.DefaultPageSize,
            Observer = options.Observer is null ? observer : new CompositeRequestObserver(observer, options.Observer),
        };
    }

    private AwsConnection CreateAwsConnection()
    {
        var source = Settings.Aws;
        return AwsConnection.Create(new AwsConnectionSettings
        {
            Region = source.Region,
            ProfileName = source.ProfileName,
            ProfileLocation = source.ProfileLocation,
            AccessKey = source.AccessKey,
            SecretKey = source.SecretKey,
            SessionToken = source.SessionToken,
            Credential = source.Credential,
            EndpointUrl = source.EndpointUrl,
            MaxErrorRetry = source.MaxErrorRetry,
            Timeout = source.Timeout,
            CallTimeout = source.CallTimeout,
            SessionRegion = source.SessionRegion,
            SessionCredential = source.SessionCredential,
            CloudTrailRequestsPerSecond = source.CloudTrailRequestsPerSecond,
            Observer = new AwsVerboseObserver(Host, source.Observer),
        });
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var client in _kubernetes.Values)
            {
                if (client.IsValueCreated)
                {
                    client.Value.Dispose();
                }
            }

            if (_tokenSource.IsValueCreated)
            {
                _tokenSource.Value.Dispose();
            }

            if (_aws.IsValueCreated)
            {
                _aws.Value.Dispose();
            }
        }
    }

    private sealed class CompositeRequestObserver : IKubernetesRequestObserver
    {
        private readonly IKubernetesRequestObserver _first;
        private readonly IKubernetesRequestObserver _second;

        public CompositeRequestObserver(IKubernetesRequestObserver first, IKubernetesRequestObserver second)
        {
            _first = first;
            _second = second;
        }

        public void OnRequestCompleted(KubernetesRequestEvent requestEvent)
        {
            _first.OnRequestCompleted(requestEvent);
            _second.OnRequestCompleted(requestEvent);
        }
    }
}
