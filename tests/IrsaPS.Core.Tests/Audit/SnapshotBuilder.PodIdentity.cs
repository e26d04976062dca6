using System;
using System.Collections.Generic;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Tests.Verification;

namespace IrsaPS.Core.Tests.Audit;

// EKS Pod Identity: associations, pods with their credential environment, the agent.
internal sealed partial class SnapshotBuilder
{
    private readonly List<PodIdentityAssociation> _associations = [];
    private readonly List<KubePod> _podCredentials = [];
    private readonly List<string> _agentNodes = [];

    /// <summary>The agent DaemonSet; null: not installed.</summary>
    public KubeDaemonSet? PodIdentityAgent { get; set; } = new() { Namespace = "kube-system", Name = "eks-pod-identity-agent" };

    public string? PodIdentityUnavailable { get; set; }

    public SnapshotBuilder Association(string ns, string sa, string roleName, string? owner = null, bool disableSessionTags = false, string id = "a-0123456789abcdefg") =>
        AssociationWithRoleArn(ns, sa, TrustDocs.RoleArn(roleName), owner, disableSessionTags, id);

    public SnapshotBuilder AssociationWithRoleArn(string ns, string sa, string roleArn, string? owner = null, bool disableSessionTags = false, string id = "a-0123456789abcdefg")
    {
        _associations.Add(new PodIdentityAssociation
        {
            ClusterName = TrustDocs.Cluster,
            Namespace = ns,
            ServiceAccount = sa,
            RoleArn = roleArn,
            AssociationId = id,
            AssociationArn = $"arn:aws:eks:us-east-1:{TrustDocs.Account}:podidentityassociation/{TrustDocs.Cluster}/{id}",
            OwnerArn = owner,
            DisableSessionTags = disableSessionTags,
            CreatedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        });
        return this;
    }

    /// <summary>A pod with the environment the webhooks gave it: IRSA's (<paramref name="irsaRole"/>), Pod Identity's, both, or none.</summary>
    public SnapshotBuilder CredentialPod(string ns, string name, string serviceAccount, string? irsaRole = null, bool podIdentity = false, string node = "node-1", string ownerName = "app-7d9f8b6c5d", string phase = "Running")
    {
        _podCredentials.Add(new KubePod
        {
            Namespace = ns,
            Name = name,
            ServiceAccountName = serviceAccount,
            NodeName = node,
            Phase = phase,
            OwnerKind = "ReplicaSet",
            OwnerName = ownerName,
            AwsRoleArn = irsaRole,
            HasAwsRoleArnEnv = irsaRole is not null,
            HasWebIdentityTokenFileEnv = irsaRole is not null,
            ContainerCredentialsFullUri = podIdentity ? "http://169.254.170.23/v1/credentials" : null,
            HasContainerAuthorizationTokenFile = podIdentity,
        });
        return this;
    }

    /// <summary>A node where an agent pod runs.</summary>
    public SnapshotBuilder AgentNode(string name, IReadOnlyDictionary<string, string>? labels = null)
    {
        Node(name, labels: labels ?? new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" });
        _agentNodes.Add(name);
        return this;
    }
}
