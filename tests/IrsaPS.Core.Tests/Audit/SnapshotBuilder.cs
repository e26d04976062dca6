using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Tests.Verification;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>Builds audit snapshots by hand: a cluster "prod" (TrustDocs.IssuerUrl) in account TrustDocs.Account, with its provider.</summary>
internal sealed partial class SnapshotBuilder
{
    private readonly List<AuditRole> _roles = [];
    private readonly List<AuditOidcProvider> _providers = [];
    private readonly List<KubeServiceAccount> _accounts = [];
    private readonly List<KubePod> _pods = [];
    private readonly List<KubeNode> _nodes = [];
    private readonly List<AuditInstance> _instances = [];
    private readonly List<AuditClusterInfo> _others = [];
    private readonly List<string> _regions = [];
    private readonly Dictionary<string, string> _managed = new(StringComparer.Ordinal);

    public SnapshotBuilder(bool withProvider = true)
    {
        if (withProvider)
        {
            Provider(TrustDocs.IssuerUrl);
        }
    }

    public AuditClusterInfo Cluster { get; set; } = new()
    {
        Name = TrustDocs.Cluster,
        Arn = "arn:aws:eks:us-east-1:" + TrustDocs.Account + ":cluster/" + TrustDocs.Cluster,
        Region = "us-east-1",
        Issuer = TrustDocs.IssuerUrl,
        Version = "1.31",
        Status = "ACTIVE",
        EndpointPublicAccess = true,
    };

    public AuditNeeds Gathered { get; set; } = AuditNeeds.All;

    /// <summary>Why the nodes or instances could not be read (the gatherer's NodeInstancesUnavailable).</summary>
    public string? NodeInstancesUnavailable { get; set; }

    public SnapshotBuilder Role(string name, string trust, string? boundary = null, bool boundaryKnown = false, IReadOnlyList<string>? attached = null, IReadOnlyList<AuditInlinePolicy>? inline = null, string path = "/")
    {
        _roles.Add(new AuditRole
        {
            Arn = $"arn:aws:iam::{TrustDocs.Account}:role{path}{name}",
            RoleName = name,
            Path = path,
            TrustPolicy = trust,
            PermissionsBoundaryArn = boundary,
            PermissionsBoundaryKnown = boundaryKnown,
            AttachedPolicyArns = attached,
            InlinePolicies = inline,
        });
        return this;
    }

    /// <summary>A role with the usual IRSA trust for the given subjects of prod.</summary>
    public SnapshotBuilder IrsaRole(string name, params (string Ns, string Sa)[] subjects) =>
        Role(name, TrustDocs.Irsa(subjects.Select(s => TrustDocs.Sub(s.Ns, s.Sa)).ToArray()));

    public SnapshotBuilder Provider(string issuerUrl, params string[] clientIds)
    {
        var arn = TrustDocs.Provider(issuerUrl);
        _providers.Add(new AuditOidcProvider
        {
            Arn = arn,
            IssuerHostPath = IrsaPS.Core.Validation.OidcIssuer.Parse(issuerUrl).HostPath,
            ClientIds = clientIds.Length == 0 ? ["sts.amazonaws.com"] : clientIds,
        });
        return this;
    }

    public SnapshotBuilder Providers(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Provider($"https://oidc.eks.eu-west-1.amazonaws.com/id/{i:D32}");
        }

        return this;
    }

    public SnapshotBuilder ServiceAccount(string ns, string name, string? roleName = null, string? audience = null, string? roleArn = null)
    {
        _accounts.Add(TrustDocs.ServiceAccount(ns, name, roleArn ?? (roleName is null ? null : TrustDocs.RoleArn(roleName)), audience));
        return this;
    }

    public SnapshotBuilder Pod(string ns, string name, string serviceAccount, bool hostNetwork = false, bool injected = true, string? roleArn = null, string? ownerKind = "ReplicaSet", string? ownerName = "app-7d9f8b6c5d", string phase = "Running", string? node = null)
    {
        _pods.Add(new KubePod
        {
            Namespace = ns,
            Name = name,
            ServiceAccountName = serviceAccount,
            NodeName = node,
            HostNetwork = hostNetwork,
            HasAwsRoleArnEnv = injected,
            HasWebIdentityTokenFileEnv = injected,
            AwsRoleArn = injected ? roleArn : null,
            OwnerKind = ownerKind,
            OwnerName = ownerName,
            Phase = phase,
        });
        return this;
    }

    /// <summary>A node; with <paramref name="instanceId"/> its provider id is <c>aws:///us-east-1a/&lt;id&gt;</c>.</summary>
    public SnapshotBuilder Node(string name, string? instanceId = null, string? providerId = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        _nodes.Add(new KubeNode
        {
            Name = name,
            ProviderId = providerId ?? (instanceId is null ? null : "aws:///us-east-1a/" + instanceId),
            Labels = labels ?? new Dictionary<string, string>(),
        });
        return this;
    }

    /// <summary>An EC2 instance as DescribeInstances describes it (defaults: running, IMDSv2 required, hop limit 1, a profile).</summary>
    public SnapshotBuilder Instance(string instanceId, string? httpTokens = "required", int? hopLimit = 1, string? httpEndpoint = "enabled", string? profile = "arn:aws:iam::123456789012:instance-profile/eks-node", string state = "running", string? launchTemplate = null)
    {
        _instances.Add(new AuditInstance
        {
            InstanceId = instanceId,
            State = state,
            HttpTokens = httpTokens,
            HttpPutResponseHopLimit = hopLimit,
            HttpEndpoint = httpEndpoint,
            InstanceProfileArn = profile,
            LaunchTemplateId = launchTemplate,
            LaunchTemplateVersion = launchTemplate is null ? null : "3",
        });
        return this;
    }

    public SnapshotBuilder OtherCluster(string name, string issuerUrl)
    {
        _others.Add(new AuditClusterInfo { Name = name, Issuer = issuerUrl, Region = "us-east-1" });
        return this;
    }

    public SnapshotBuilder ManagedPolicy(string arn, string document)
    {
        _managed[arn] = document;
        return this;
    }

    public SnapshotBuilder QueriedRegion(string region)
    {
        _regions.Add(region);
        return this;
    }

    public AuditSnapshot Build() => new()
    {
        Cluster = Cluster,
        AccountId = TrustDocs.Account,
        Partition = "aws",
        Region = "us-east-1",
        Roles = _roles.ToList(),
        OidcProviders = _providers.ToList(),
        ManagedPolicyDocuments = new Dictionary<string, string>(_managed, StringComparer.Ordinal),
        ServiceAccounts = _accounts.ToList(),
        Pods = _pods.ToList(),
        PodsListed = _pods.Count,
        Nodes = _nodes.ToList(),
        NodesListed = _nodes.Count,
        Instances = _instances.ToList(),
        NodeInstancesUnavailable = NodeInstancesUnavailable,
        OtherClusters = _others.ToList(),
        ClusterRegionsQueried = _regions.ToList(),
        PodIdentityAssociations = _associations.ToList(),
        PodIdentityPods = _podCredentials.ToList(),
        PodIdentityAgent = PodIdentityAgent,
        PodIdentityAgentNodes = _agentNodes.ToList(),
        PodIdentityNodes = _nodes.ToList(),
        PodIdentityUnavailable = PodIdentityUnavailable,
        Gathered = Gathered,
    };

    /// <summary>Runs only <paramref name="checkId"/> and returns its findings.</summary>
    public IReadOnlyList<IrsaFinding> Run(string checkId, string? boundary = null) =>
        IrsaAuditor.Evaluate(Build(), new AuditOptions { Checks = [checkId], RequiredPermissionsBoundaryArn = boundary }).Findings;
}
