using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// Credentials produced by exec plugins, kept until their <c>expirationTimestamp</c> (or until the server rejects them)
/// so that one PowerShell session runs <c>aws eks get-token</c> once, not once per cmdlet. Keyed by the plugin's
/// full configuration (command, arguments, environment, cluster info). <see cref="Shared"/> is process-wide.
/// </summary>
public sealed class ExecCredentialCache
{
    private readonly ConcurrentDictionary<string, KubernetesCredential> _entries = new(System.StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(System.StringComparer.Ordinal);

    /// <summary>The cache every connection uses unless told otherwise.</summary>
    public static ExecCredentialCache Shared { get; } = new();

    /// <summary>How many credentials are cached.</summary>
    public int Count => _entries.Count;

    /// <summary>Forgets every cached credential (the next request runs the plugins again).</summary>
    public void Clear() => _entries.Clear();

    internal KubernetesCredential? TryGet(string key) => _entries.TryGetValue(key, out var credential) ? credential : null;

    internal void Set(string key, KubernetesCredential credential) => _entries[key] = credential;

    internal void Remove(string key, KubernetesCredential rejected) =>
        ((ICollection<KeyValuePair<string, KubernetesCredential>>)_entries).Remove(new KeyValuePair<string, KubernetesCredential>(key, rejected));

    internal SemaphoreSlim GateFor(string key) => _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
}
