using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// The stand-in's objects: namespaces, ServiceAccounts, pods and nodes, with a global resourceVersion counter (every write
/// takes the next value), the real server's validation and error answers (404 namespace, 409 AlreadyExists,
/// 409 Conflict on a stale resourceVersion, 422 Invalid), and key-ordered paging. One lock guards everything;
/// reads return immutable records, so callers render them outside the lock.
/// </summary>
public sealed partial class KubeStore
{
    private readonly object _gate = new();
    private readonly KubeCollection<KubeNamespaceObject> _namespaces = new(n => n.Meta.Name);
    private readonly KubeCollection<KubeServiceAccountObject> _serviceAccounts = new(s => s.Meta.Key);
    private readonly KubeCollection<KubePodObject> _pods = new(p => p.Meta.Key);
    private readonly Func<DateTimeOffset> _clock;
    private long _resourceVersion = 1000;

    public KubeStore(Func<DateTimeOffset>? clock = null) => _clock = clock ?? (() => DateTimeOffset.UtcNow);

    /// <summary>The region the simulated pod identity webhook injects (AWS_REGION / AWS_DEFAULT_REGION); null for none.</summary>
    public string? WebhookRegion { get; set; }

    /// <summary>The cluster's EKS Pod Identity associations, which the simulated webhook asks at pod creation; null for none.</summary>
    public IPodIdentityAssociations? PodIdentity { get; set; }

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public int ServiceAccountCount
    {
        get
        {
            lock (_gate)
            {
                return _serviceAccounts.Count;
            }
        }
    }

    public int PodCount
    {
        get
        {
            lock (_gate)
            {
                return _pods.Count;
            }
        }
    }

    // ---- Namespaces ----

    public KubeNamespaceObject CreateNamespace(string name, IReadOnlyDictionary<string, string>? labels = null, DateTimeOffset? created = null)
    {
        ValidateLabel("Namespace", name, name);
        lock (_gate)
        {
            if (_namespaces.Contains(name))
            {
                throw KubeStatusException.AlreadyExists("namespaces", name);
            }

            var item = new KubeNamespaceObject(NewMeta(name, null, labels, null, created));
            _namespaces.Put(item);
            if (!_serviceAccounts.Contains(name + "/default"))
            {
                _serviceAccounts.Put(new KubeServiceAccountObject(NewMeta("default", name, null, null, created)));
            }

            return item;
        }
    }

    /// <summary>Creates the namespace unless it exists.</summary>
    public KubeNamespaceObject EnsureNamespace(string name)
    {
        lock (_gate)
        {
            return _namespaces.Get(name) ?? CreateNamespace(name);
        }
    }

    public KubeNamespaceObject GetNamespace(string name)
    {
        lock (_gate)
        {
            return _namespaces.Get(name) ?? throw KubeStatusException.NotFound("namespaces", name);
        }
    }

    public List<KubeNamespaceObject> ListNamespaces(KubeListQuery query, out string? nextAfter, out long remaining, out long listVersion)
    {
        lock (_gate)
        {
            listVersion = _resourceVersion;
            return _namespaces.Page(string.Empty, query.After, query.Limit, n => query.MatchesLabels(n.Meta.Labels) && query.MatchesFields(f => f == "metadata.name" ? n.Meta.Name : null), out nextAfter, out remaining);
        }
    }

    // ---- ServiceAccounts ----

    public KubeServiceAccountObject? FindServiceAccount(string ns, string name)
    {
        lock (_gate)
        {
            return _serviceAccounts.Get(ns + "/" + name);
        }
    }

    public KubeServiceAccountObject GetServiceAccount(string ns, string name) =>
        FindServiceAccount(ns, name) ?? throw KubeStatusException.NotFound("serviceaccounts", name);

    public KubeServiceAccountObject CreateServiceAccount(
        string ns,
        string name,
        IReadOnlyDictionary<string, string>? annotations = null,
        IReadOnlyDictionary<string, string>? labels = null,
        bool? automount = null,
        DateTimeOffset? created = null)
    {
        ValidateSubdomain("ServiceAccount", name, "metadata.name");
        ValidateAnnotations("ServiceAccount", name, annotations);
        lock (_gate)
        {
            RequireNamespace(ns);
            if (_serviceAccounts.Contains(ns + "/" + name))
            {
                throw KubeStatusException.AlreadyExists("serviceaccounts", name);
            }

            var item = new KubeServiceAccountObject(NewMeta(name, ns, labels, annotations, created), automount);
            _serviceAccounts.Put(item);
            return item;
        }
    }

    /// <summary>
    /// Replaces a ServiceAccount's labels, annotations and automount flag (PUT, or the result of a patch).
    /// A non-null <paramref name="expectedVersion"/> that is not the current one is a 409 Conflict.
    /// </summary>
    public KubeServiceAccountObject UpdateServiceAccount(
        string ns,
        string name,
        string? expectedVersion,
        Func<KubeServiceAccountObject, (IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, bool? Automount)> change)
    {
        lock (_gate)
        {
            var current = _serviceAccounts.Get(ns + "/" + name) ?? throw KubeStatusException.NotFound("serviceaccounts", name);
            CheckVersion(current.Meta, expectedVersion, "serviceaccounts");
            var (labels, annotations, automount) = change(current);
            ValidateAnnotations("ServiceAccount", name, annotations);
            var updated = new KubeServiceAccountObject(current.Meta with { Labels = labels, Annotations = annotations, ResourceVersion = ++_resourceVersion }, automount);
            _serviceAccounts.Put(updated);
            return updated;
        }
    }

    public KubeServiceAccountObject DeleteServiceAccount(string ns, string name)
    {
        lock (_gate)
        {
            var current = _serviceAccounts.Get(ns + "/" + name) ?? throw KubeStatusException.NotFound("serviceaccounts", name);
            _serviceAccounts.Remove(current.Meta.Key);
            _resourceVersion++;
            return current;
        }
    }

    public List<KubeServiceAccountObject> ListServiceAccounts(KubeListQuery query, out string? nextAfter, out long remaining, out long listVersion)
    {
        lock (_gate)
        {
            listVersion = _resourceVersion;
            return _serviceAccounts.Page(
                Prefix(query.Namespace),
                query.After,
                query.Limit,
                s => query.MatchesLabels(s.Meta.Labels) && query.MatchesFields(f => f switch
                {
                    "metadata.name" => s.Meta.Name,
                    "metadata.namespace" => s.Meta.Namespace,
                    _ => throw KubeStatusException.BadRequest($"field label not supported: {f}"),
                }),
                out nextAfter,
                out remaining);
        }
    }

    // ---- Pods ----

    /// <summary>Creates a pod; the simulated pod identity webhook mutates it first (when <paramref name="applyWebhook"/>).</summary>
    public KubePodObject CreatePod(KubePodObject pod, bool applyWebhook = true)
    {
        var ns = pod.Meta.Namespace ?? throw KubeStatusException.BadRequest("a pod needs a namespace");
        ValidateSubdomain("Pod", pod.Meta.Name, "metadata.name");
        if (pod.Containers.Count == 0)
        {
            throw KubeStatusException.Invalid("Pod", pod.Meta.Name, "spec.containers: Required value");
        }

        lock (_gate)
        {
            RequireNamespace(ns);
            if (_pods.Contains(ns + "/" + pod.Meta.Name))
            {
                throw KubeStatusException.AlreadyExists("pods", pod.Meta.Name);
            }

            var meta = NewMeta(pod.Meta.Name, ns, pod.Meta.Labels, pod.Meta.Annotations, pod.Meta.CreationTimestamp == default ? null : pod.Meta.CreationTimestamp);
            var created = pod with { Meta = meta };
            if (applyWebhook)
            {
                created = KubePodIdentityWebhook.Mutate(
                    created, _serviceAccounts.Get(ns + "/" + pod.ServiceAccountName), WebhookRegion, PodIdentity?.IsAssociated(ns, pod.ServiceAccountName) ?? false);
            }

            _pods.Put(created);
            return created;
        }
    }

    public KubePodObject GetPod(string ns, string name)
    {
        lock (_gate)
        {
            return _pods.Get(ns + "/" + name) ?? throw KubeStatusException.NotFound("pods", name);
        }
    }

    public KubePodObject DeletePod(string ns, string name)
    {
        lock (_gate)
        {
            var current = _pods.Get(ns + "/" + name) ?? throw KubeStatusException.NotFound("pods", name);
            _pods.Remove(current.Meta.Key);
            _resourceVersion++;
            return current;
        }
    }

    public List<KubePodObject> ListPods(KubeListQuery query, out string? nextAfter, out long remaining, out long listVersion)
    {
        lock (_gate)
        {
            listVersion = _resourceVersion;
            return _pods.Page(
                Prefix(query.Namespace),
                query.After,
                query.Limit,
                p => query.MatchesLabels(p.Meta.Labels) && query.MatchesFields(f => f switch
                {
                    "metadata.name" => p.Meta.Name,
                    "metadata.namespace" => p.Meta.Namespace,
                    "spec.serviceAccountName" => p.ServiceAccountName,
                    "spec.nodeName" => p.NodeName ?? string.Empty,
                    "spec.hostNetwork" => p.HostNetwork ? "true" : "false",
                    "status.phase" => p.Phase,
                    _ => throw KubeStatusException.BadRequest($"field label not supported: {f}"),
                }),
                out nextAfter,
                out remaining);
        }
    }

    // ---- Helpers ----

    private static string Prefix(string? ns) => ns is null ? string.Empty : ns + "/";

    private KubeMeta NewMeta(string name, string? ns, IReadOnlyDictionary<string, string>? labels, IReadOnlyDictionary<string, string>? annotations, DateTimeOffset? created) =>
        new(
            name,
            ns,
            Guid.NewGuid().ToString(),
            ++_resourceVersion,
            TruncateToSeconds(created ?? _clock()),
            Copy(labels),
            Copy(annotations));

    private void RequireNamespace(string ns)
    {
        if (!_namespaces.Contains(ns))
        {
            throw KubeStatusException.NotFound("namespaces", ns);
        }
    }

    private static void CheckVersion(KubeMeta meta, string? expected, string resource)
    {
        if (!string.IsNullOrEmpty(expected) && expected != meta.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw KubeStatusException.Conflict(resource, meta.Name);
        }
    }

    private static IReadOnlyDictionary<string, string> Copy(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? KubeMeta.Empty : new Dictionary<string, string>(map, StringComparer.Ordinal);

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    private static void ValidateLabel(string kind, string name, string value)
    {
        if (value.Length is 0 or > 63 || !LabelPattern().IsMatch(value))
        {
            throw KubeStatusException.Invalid(kind, name, $"metadata.name: Invalid value: \"{value}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
        }
    }

    private static void ValidateSubdomain(string kind, string name, string field)
    {
        if (name.Length is 0 or > 253 || !SubdomainPattern().IsMatch(name))
        {
            throw KubeStatusException.Invalid(kind, name, $"{field}: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
        }
    }

    private static void ValidateAnnotations(string kind, string name, IReadOnlyDictionary<string, string>? annotations)
    {
        foreach (var key in annotations?.Keys ?? Enumerable.Empty<string>())
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var prefix = slash >= 0 ? key[..slash] : null;
            var local = slash >= 0 ? key[(slash + 1)..] : key;
            var ok = local.Length is > 0 and <= 63 && QualifiedNamePattern().IsMatch(local)
                && (prefix is null || (prefix.Length <= 253 && SubdomainPattern().IsMatch(prefix)));
            if (!ok)
            {
                throw KubeStatusException.Invalid(kind, name, $"metadata.annotations: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNamePattern();
}
