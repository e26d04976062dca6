using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IrsaPS.Core.Kubernetes;

namespace IrsaPS.Bench.Scenarios;

/// <summary>Counts Kubernetes requests by method and path (without the query), retries included.</summary>
internal sealed class KubeRequestCounter : IKubernetesRequestObserver
{
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private int _total;

    public int Total => Volatile.Read(ref _total);

    public int Count(string method, string path) => _counts.TryGetValue(method + " " + path, out var n) ? n : 0;

    /// <summary>Requests per method (GET, POST, PATCH...), whatever the path.</summary>
    public IReadOnlyDictionary<string, int> ByMethod() =>
        _counts.GroupBy(pair => pair.Key[..pair.Key.IndexOf(' ', System.StringComparison.Ordinal)], System.StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value), System.StringComparer.Ordinal);

    /// <summary>Requests per "METHOD path" (no query).</summary>
    public IReadOnlyDictionary<string, int> ByPath() => _counts.ToDictionary(pair => pair.Key, pair => pair.Value, System.StringComparer.Ordinal);

    public void Reset()
    {
        _counts.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    public void OnRequestCompleted(KubernetesRequestEvent requestEvent)
    {
        var query = requestEvent.Path.IndexOf('?');
        var path = query < 0 ? requestEvent.Path : requestEvent.Path[..query];
        _counts.AddOrUpdate(requestEvent.Method + " " + path, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _total);
    }
}
