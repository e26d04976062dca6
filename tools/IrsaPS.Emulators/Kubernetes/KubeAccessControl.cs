using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// What an identity may do in the stand-in: everything (<see cref="ClusterAdmin"/>), or only in some namespaces,
/// optionally read-only. Cluster-scoped requests (namespaces, lists across all namespaces) need a cluster-wide grant.
/// </summary>
public sealed record KubeGrant(string User, IReadOnlySet<string>? Namespaces, bool ReadOnly = false)
{
    public static KubeGrant ClusterAdmin(string user = "admin") => new(user, null);

    public static KubeGrant InNamespaces(string user, params string[] namespaces) => new(user, new HashSet<string>(namespaces, StringComparer.Ordinal));

    public static KubeGrant ReadOnlyEverywhere(string user) => new(user, null, ReadOnly: true);

    public bool Allows(string verb, string? ns)
    {
        if (ReadOnly && verb is not ("get" or "list" or "watch"))
        {
            return false;
        }

        return Namespaces is null || (ns is not null && Namespaces.Contains(ns));
    }
}

/// <summary>
/// Authentication and authorization of the stand-in: bearer tokens and client-certificate common names mapped to
/// <see cref="KubeGrant"/>s. Unknown or missing credentials get 401; a known identity outside its grant gets 403.
/// </summary>
public sealed class KubeAccessControl
{
    private readonly ConcurrentDictionary<string, KubeGrant> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KubeGrant> _certificateUsers = new(StringComparer.Ordinal);

    public void AddToken(string token, KubeGrant grant) => _tokens[token] = grant;

    public bool RemoveToken(string token) => _tokens.TryRemove(token, out _);

    /// <summary>Grants a client certificate whose subject CN is <paramref name="commonName"/> (signed by the stand-in's CA).</summary>
    public void AddCertificateUser(string commonName, KubeGrant grant) => _certificateUsers[commonName] = grant;

    public KubeGrant? FindToken(string token) => _tokens.TryGetValue(token, out var grant) ? grant : null;

    public KubeGrant? FindCertificateUser(string commonName) => _certificateUsers.TryGetValue(commonName, out var grant) ? grant : null;

    /// <summary>The real server's Forbidden sentence.</summary>
    public static string ForbiddenMessage(KubeGrant grant, string verb, string resource, string? name, string? ns, string group = "")
    {
        var subject = name is null ? resource : $"{resource} \"{name}\"";
        var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        var resourceName = resource.Split('/').First();
        return $"{subject} is forbidden: User \"{grant.User}\" cannot {verb} resource \"{resourceName}\" in API group \"{group}\" {scope}";
    }
}
