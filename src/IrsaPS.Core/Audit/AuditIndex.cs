using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;
using IrsaPS.Core.Verification;

namespace IrsaPS.Core.Audit;

/// <summary>
/// The snapshot, indexed once so that no check loops over roles × service accounts: roles by name and by the issuers
/// they trust; exact subjects (issuer + <c>sub</c>) to the roles that admit them; wildcard patterns per issuer (matched
/// only against that cluster's service accounts, namespace by namespace when the namespace is literal); service
/// accounts by key, by namespace and by the role their annotation names; pods by service account; providers by ARN
/// and issuer; nodes by name and EC2 instances by id. Every role's trust is parsed, inspected and compiled once
/// (<see cref="RoleTrust"/>).
/// </summary>
internal sealed class AuditIndex
{
    private static readonly IReadOnlyList<AuditRoleEntry> NoRoles = [];
    private static readonly IReadOnlyList<KubeServiceAccount> NoServiceAccounts = [];
    private static readonly IReadOnlyList<KubePod> NoPods = [];

    private readonly Dictionary<string, AuditRoleEntry> _rolesByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<AuditRoleEntry>> _rolesByIssuer = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<AuditRoleEntry>> _rolesByExactSubject = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, KubeServiceAccount> _serviceAccounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KubeServiceAccount>> _serviceAccountsByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KubeServiceAccount>> _serviceAccountsByRoleArn = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<KubePod>> _podsByServiceAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuditOidcProvider> _providersByArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuditInstance> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _clusterIssuers = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<AuditRoleEntry> _irsaRoles = [];

    public AuditIndex(AuditSnapshot snapshot)
    {
        Snapshot = snapshot ?? throw new ArgumentNullException(nameof(snapshot));
        ClusterIssuer = OidcIssuer.TryParse(snapshot.Cluster.Issuer, out var issuer) ? issuer : null;
        ClusterProviderArn = ClusterIssuer is not null && AccountId.IsValid(snapshot.AccountId) && AwsPartition.IsSupported(snapshot.Partition)
            ? ClusterIssuer.ProviderArn(snapshot.Partition, snapshot.AccountId)
            : null;

        // The known clusters' issuers first: indexing a role's trust asks which of its issuers are EKS issuers.
        if (ClusterIssuer is not null)
        {
            _clusterIssuers.Add(ClusterIssuer.HostPath);
        }

        foreach (var other in snapshot.OtherClusters)
        {
            if (OidcIssuer.TryParse(other.Issuer, out var otherIssuer))
            {
                _clusterIssuers.Add(otherIssuer.HostPath);
            }
        }

        var roles = new List<AuditRoleEntry>(snapshot.Roles.Count);
        foreach (var role in snapshot.Roles)
        {
            var entry = new AuditRoleEntry(role);
            roles.Add(entry);
            _rolesByName[role.RoleName] = entry;
            IndexTrust(entry);
        }

        roles.Sort((a, b) => string.CompareOrdinal(a.Role.Arn, b.Role.Arn));
        Roles = roles;
        IrsaRoles = roles.Where(r => _irsaRoles.Contains(r)).ToList();

        foreach (var provider in snapshot.OidcProviders)
        {
            _providersByArn[provider.Arn] = provider;
        }

        foreach (var serviceAccount in snapshot.ServiceAccounts)
        {
            _serviceAccounts[serviceAccount.Key] = serviceAccount;
            Add(_serviceAccountsByNamespace, serviceAccount.Namespace, serviceAccount);
            var roleArn = serviceAccount.Irsa.RoleArn?.Trim();
            if (!string.IsNullOrEmpty(roleArn))
            {
                Add(_serviceAccountsByRoleArn, roleArn!, serviceAccount);
            }
        }

        AnnotatedServiceAccounts = snapshot.ServiceAccounts
            .Where(sa => sa.Irsa.RoleArn is not null)
            .OrderBy(sa => sa.Key, StringComparer.Ordinal)
            .ToList();

        foreach (var pod in snapshot.Pods)
        {
            Add(_podsByServiceAccount, pod.Namespace + "/" + pod.ServiceAccountName, pod);
        }

        foreach (var node in snapshot.Nodes)
        {
            _nodes[node.Name] = node;
        }

        foreach (var instance in snapshot.Instances)
        {
            _instances[instance.InstanceId] = instance;
        }
    }

    public AuditSnapshot Snapshot { get; }

    /// <summary>The audited cluster's issuer, or null when it has none.</summary>
    public OidcIssuer? ClusterIssuer { get; }

    /// <summary>The provider ARN the audited cluster needs in the account.</summary>
    public string? ClusterProviderArn { get; }

    /// <summary>Every role, ordered by ARN.</summary>
    public IReadOnlyList<AuditRoleEntry> Roles { get; }

    /// <summary>
    /// The IRSA roles, ordered by ARN: an Allow statement lets an EKS cluster's issuer (<see cref="IsEksIssuer"/>) call
    /// sts:AssumeRoleWithWebIdentity. Roles that trust only other OIDC providers (GitHub Actions, GitLab, ...) are not
    /// judged by role-level IRSA checks.
    /// </summary>
    public IReadOnlyList<AuditRoleEntry> IrsaRoles { get; }

    /// <summary>Service accounts with a role-arn annotation, ordered by namespace/name.</summary>
    public IReadOnlyList<KubeServiceAccount> AnnotatedServiceAccounts { get; }

    /// <summary>The roles whose Allow statements trust <paramref name="issuerHostPath"/> for web identities.</summary>
    public IReadOnlyList<AuditRoleEntry> RolesTrusting(string issuerHostPath) =>
        _rolesByIssuer.TryGetValue(issuerHostPath, out var list) ? list : NoRoles;

    /// <summary>The roles that trust the audited cluster's issuer (its IRSA roles).</summary>
    public IReadOnlyList<AuditRoleEntry> ClusterRoles => ClusterIssuer is null ? NoRoles : RolesTrusting(ClusterIssuer.HostPath);

    /// <summary>The roles whose trust names exactly this subject (StringEquals, or StringLike without wildcards) for the issuer.</summary>
    public IReadOnlyList<AuditRoleEntry> RolesAdmittingExactly(string issuerHostPath, string subject) =>
        _rolesByExactSubject.TryGetValue(issuerHostPath + "\n" + subject, out var list) ? list : NoRoles;

    public AuditRoleEntry? FindRole(string roleName) => _rolesByName.TryGetValue(roleName, out var role) ? role : null;

    public KubeServiceAccount? FindServiceAccount(string ns, string name) =>
        _serviceAccounts.TryGetValue(ns + "/" + name, out var serviceAccount) ? serviceAccount : null;

    public IReadOnlyList<KubeServiceAccount> ServiceAccountsIn(string ns) =>
        _serviceAccountsByNamespace.TryGetValue(ns, out var list) ? list : NoServiceAccounts;

    public IEnumerable<string> Namespaces => _serviceAccountsByNamespace.Keys;

    /// <summary>The service accounts whose role-arn annotation is this ARN (case-insensitive, trimmed).</summary>
    public IReadOnlyList<KubeServiceAccount> ServiceAccountsAnnotatedWith(string roleArn) =>
        _serviceAccountsByRoleArn.TryGetValue(roleArn, out var list) ? list : NoServiceAccounts;

    public IReadOnlyList<KubePod> PodsOf(KubeServiceAccount serviceAccount) =>
        _podsByServiceAccount.TryGetValue(serviceAccount.Key, out var list) ? list : NoPods;

    public KubeNode? FindNode(string name) => _nodes.TryGetValue(name, out var node) ? node : null;

    public AuditInstance? FindInstance(string instanceId) => _instances.TryGetValue(instanceId, out var instance) ? instance : null;

    public AuditOidcProvider? FindProvider(string arn) => _providersByArn.TryGetValue(arn, out var provider) ? provider : null;

    /// <summary>
    /// True for an issuer of EKS: the issuer of the audited or another known cluster, or (unless
    /// <paramref name="knownClustersOnly"/>) any issuer of EKS's form (<see cref="EksIssuerHost"/>). IRSA checks judge
    /// these issuers only: statements for other OIDC providers are none of their business.
    /// </summary>
    public bool IsEksIssuer(string hostPath, bool knownClustersOnly = false) =>
        _clusterIssuers.Contains(hostPath) || (!knownClustersOnly && EksIssuerHost.IsEksIssuer(hostPath));

    /// <summary>True when a condition key (<c>&lt;issuer&gt;:sub</c>, <c>&lt;issuer&gt;:aud</c>) is named after an EKS issuer.</summary>
    public bool IsEksConditionKey(string key)
    {
        var colon = key.LastIndexOf(':');
        return colon > 0 && IsEksIssuer(key.Substring(0, colon));
    }

    /// <summary>True when the issuer belongs to the audited cluster.</summary>
    public bool IsClusterIssuer(string hostPath) =>
        ClusterIssuer is not null && string.Equals(ClusterIssuer.HostPath, hostPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The role a service account's annotation names, when it is a well-formed role ARN of the audited account.
    /// <paramref name="arn"/> is null when the annotation is malformed.
    /// </summary>
    public AuditRoleEntry? RoleOfAnnotation(KubeServiceAccount serviceAccount, out RoleArn? arn)
    {
        arn = TryParseRole(serviceAccount.Irsa.RoleArn);
        return arn is not null && arn.Account == Snapshot.AccountId ? FindRole(arn.Name) : null;
    }

    public static RoleArn? TryParseRole(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return Arn.ParseRole(text!.Trim());
        }
        catch (IrsaValidationException)
        {
            return null;
        }
    }

    private void IndexTrust(AuditRoleEntry entry)
    {
        var report = entry.Trust.Report;
        if (report is null)
        {
            return;
        }

        var issuers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var grant in report.Grants)
        {
            if (grant.Effect != PolicyEffect.Allow || !grant.AllowsWebIdentity || grant.PrincipalIsNegated)
            {
                continue;
            }

            foreach (var issuer in grant.Issuers)
            {
                if (IsEksIssuer(issuer.HostPath) && issuers.Add(issuer.HostPath))
                {
                    Add(_rolesByIssuer, issuer.HostPath, entry);
                    _irsaRoles.Add(entry);
                }
            }

            foreach (var subject in grant.Subjects)
            {
                if (!subject.IssuerIsTrusted || !IsEksIssuer(subject.IssuerHostPath))
                {
                    continue;
                }

                if (subject.Kind == SubjectMatchKind.Exact)
                {
                    AddDistinct(_rolesByExactSubject, subject.IssuerHostPath + "\n" + subject.Value, entry);
                }
            }
        }
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T item)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map.Add(key, list);
        }

        list.Add(item);
    }

    private static void AddDistinct(Dictionary<string, List<AuditRoleEntry>> map, string key, AuditRoleEntry item)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map.Add(key, list);
        }

        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}

/// <summary>One role of the snapshot with its trust parsed once.</summary>
internal sealed class AuditRoleEntry
{
    public AuditRoleEntry(AuditRole role)
    {
        Role = role;
        Trust = role.Trust;
    }

    public AuditRole Role { get; }

    public RoleTrust Trust { get; }

    public override string ToString() => Role.Arn;
}

