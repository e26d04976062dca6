using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace IrsaPS.Emulators.Eks;

/// <summary>
/// The emulator's Pod Identity associations, per (region, cluster), thread-safe. Creating checks the one-association-
/// per-service-account rule against everything stored (visible or not, as EKS does: the duplicate is refused at once),
/// while List and <see cref="FindVisible"/> (what the Kubernetes stand-in's webhook asks) only see associations older
/// than <see cref="ConsistencyDelay"/>. Lives in the sandbox's emulator process next to the Kubernetes API stand-in.
/// </summary>
public sealed class PodIdentityAssociationStore
{
    /// <summary>EKS's quota of Pod Identity associations per cluster.</summary>
    public const int MaxPerCluster = 5000;

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private readonly object _gate = new();
    private readonly Dictionary<string, PodIdentityAssociationRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perCluster = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> _clock;

    public PodIdentityAssociationStore(Func<DateTimeOffset>? clock = null) => _clock = clock ?? (() => DateTimeOffset.UtcNow);

    /// <summary>How long a new or changed association stays invisible to List and to the webhook (0: at once).</summary>
    public TimeSpan ConsistencyDelay { get; set; }

    public DateTimeOffset Now => _clock();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public static string Key(string region, string cluster) => region + "/" + cluster;

    private static string SubjectKey(string clusterKey, string ns, string serviceAccount) => clusterKey + "\n" + ns + "\n" + serviceAccount;

    /// <summary>A new association id as EKS writes them: <c>a-</c> and 17 lowercase letters and digits.</summary>
    public static string NewId()
    {
        Span<char> id = stackalloc char[17];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = IdAlphabet[RandomNumberGenerator.GetInt32(IdAlphabet.Length)];
        }

        return "a-" + new string(id);
    }

    /// <summary>The association of (cluster, namespace, service account), visible or not; null when none.</summary>
    public PodIdentityAssociationRecord? FindFor(string region, string cluster, string ns, string serviceAccount)
    {
        lock (_gate)
        {
            return _bySubject.TryGetValue(SubjectKey(Key(region, cluster), ns, serviceAccount), out var id) ? _byId[id] : null;
        }
    }

    /// <summary>The view of one cluster's associations the Kubernetes stand-in's webhook asks (visible ones only).</summary>
    public Kubernetes.IPodIdentityAssociations ForCluster(string region, string cluster) => new ClusterView(this, region, cluster);

    /// <summary>The association as the webhook sees it (eventually consistent): null when none or not visible yet.</summary>
    public PodIdentityAssociationRecord? FindVisible(string region, string cluster, string ns, string serviceAccount)
    {
        var now = _clock();
        var found = FindFor(region, cluster, ns, serviceAccount);
        return found is not null && found.VisibleFrom <= now ? found : null;
    }

    public PodIdentityAssociationRecord? Get(string region, string cluster, string associationId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(associationId, out var found) && found.ClusterKey == Key(region, cluster) ? found : null;
        }
    }

    /// <summary>The association a client request token already created, or null.</summary>
    public PodIdentityAssociationRecord? ByToken(string region, string cluster, string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(Key(region, cluster) + "\n" + token, out var id) && _byId.TryGetValue(id, out var found) ? found : null;
        }
    }

    /// <summary>
    /// Adds <paramref name="association"/> unless its service account already has one (returns that one instead) or the
    /// cluster is full (returns null and sets <paramref name="full"/>).
    /// </summary>
    public PodIdentityAssociationRecord? TryAdd(PodIdentityAssociationRecord association, string? token, out PodIdentityAssociationRecord? existing, out bool full)
    {
        lock (_gate)
        {
            full = false;
            existing = null;
            var subject = SubjectKey(association.ClusterKey, association.Namespace, association.ServiceAccount);
            if (_bySubject.TryGetValue(subject, out var id))
            {
                existing = _byId[id];
                return null;
            }

            _perCluster.TryGetValue(association.ClusterKey, out var count);
            if (count >= MaxPerCluster)
            {
                full = true;
                return null;
            }

            _byId[association.AssociationId] = association;
            _bySubject[subject] = association.AssociationId;
            _perCluster[association.ClusterKey] = count + 1;
            if (!string.IsNullOrEmpty(token))
            {
                _tokens[association.ClusterKey + "\n" + token] = association.AssociationId;
            }

            return association;
        }
    }

    /// <summary>Replaces a stored association (Update); false when it is gone.</summary>
    public bool Replace(PodIdentityAssociationRecord association)
    {
        lock (_gate)
        {
            if (!_byId.ContainsKey(association.AssociationId))
            {
                return false;
            }

            _byId[association.AssociationId] = association;
            return true;
        }
    }

    public PodIdentityAssociationRecord? Remove(string region, string cluster, string associationId)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(associationId, out var found) || found.ClusterKey != Key(region, cluster))
            {
                return null;
            }

            Forget(found);
            return found;
        }
    }

    /// <summary>The visible associations of a cluster, filtered, ordered by id (the order pages follow).</summary>
    public List<PodIdentityAssociationRecord> ListVisible(string region, string cluster, string? ns, string? serviceAccount)
    {
        var now = _clock();
        var key = Key(region, cluster);
        lock (_gate)
        {
            return _byId.Values
                .Where(a => a.ClusterKey == key && a.VisibleFrom <= now
                    && (ns is null || a.Namespace == ns) && (serviceAccount is null || a.ServiceAccount == serviceAccount))
                .OrderBy(a => a.AssociationId, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>Forgets every association of a cluster (it was deleted).</summary>
    public int RemoveCluster(string region, string cluster)
    {
        var key = Key(region, cluster);
        lock (_gate)
        {
            var gone = _byId.Values.Where(a => a.ClusterKey == key).ToList();
            foreach (var association in gone)
            {
                Forget(association);
            }

            return gone.Count;
        }
    }

    private void Forget(PodIdentityAssociationRecord association)
    {
        _byId.Remove(association.AssociationId);
        _bySubject.Remove(SubjectKey(association.ClusterKey, association.Namespace, association.ServiceAccount));
        _perCluster[association.ClusterKey] = _perCluster.TryGetValue(association.ClusterKey, out var count) ? Math.Max(0, count - 1) : 0;
    }

    private sealed class ClusterView(PodIdentityAssociationStore store, string region, string cluster) : Kubernetes.IPodIdentityAssociations
    {
        public bool IsAssociated(string @namespace, string serviceAccount) => store.FindVisible(region, cluster, @namespace, serviceAccount) is not null;
    }
}
