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

    public IrsaOperationOptions Options => Settings.Options;

    /// <summary>The AWS connection; resolving it checks region and credentials before any request.</summary>
    public AwsConnection Aws => _aws.Value;

    /// <summary>The EKS cluster, resolved once per session (see <see cref="ClusterResolver"/>).</summary>
    public Task<IrsaCluster> GetClusterAsync(string clusterName, CancellationToken cancellationToken)
    {
        var lazy = _clusters.GetOrAdd(clusterName, name => new Lazy<Task<IrsaCluster>>(
            () => ClusterResolver.ResolveAsync(Aws, name, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failure is not remembered: the next item may succeed (throttling, a typo fixed in the next row).
            _clusters.TryRemove(clusterName, out _);
        }

        return task;
    }

    /// <summary>Forgets what was resolved about a cluster (its provider was just registered or deleted).</summary>
    public void ForgetCluster(string clusterName) => _clusters.TryRemove(clusterName, out _);

    /// <summary>Remembers a cluster resolved elsewhere (e.g. piped in from Get-IrsaCluster), so it is not described again.</summary>
    public void RememberCluster(IrsaCluster cluster) =>
        _clusters.TryAdd(cluster.ClusterName, new Lazy<Task<IrsaCluster>>(() => Task.FromResult(cluster)));

    /// <summary>
    /// The Kubernetes client for <paramref name="clusterName"/> (or for the kubeconfig's current context when null),
    /// chosen by <see cref="KubernetesTargetResolver"/>.
    /// </summary>
    public async Task<KubernetesClient> GetKubernetesAsync(string? clusterName, CancellationToken cancellationToken)
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
