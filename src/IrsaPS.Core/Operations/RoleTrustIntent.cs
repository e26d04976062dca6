using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Operations;

/// <summary>
/// What a role made or adopted by New-IrsaRole must trust, so that one planner (<see cref="RolePlanner"/>: policies,
/// boundary, tags, path, description, session length) serves every kind of role: IRSA (<see cref="IrsaRoleTrust"/>,
/// OIDC subjects) and EKS Pod Identity (<c>PodIdentity.PodIdentityRoleTrust</c>, the pods.eks.amazonaws.com service).
/// </summary>
internal abstract class RoleTrustIntent
{
    /// <summary>The trust of a new role.</summary>
    public abstract PolicyDocument Build();

    /// <summary>The edit that makes an existing role's trust admit what is asked (unchanged when it already does).</summary>
    public abstract TrustPolicyEdit AddTo(PolicyDocument current);

    /// <summary>Who is trusted, for change descriptions: <c>web/app of cluster 'demo'</c>.</summary>
    public abstract string Describe();
}

/// <summary>IRSA: the cluster's OIDC subjects (sub and aud conditions).</summary>
internal sealed class IrsaRoleTrust(IrsaCluster cluster, IReadOnlyList<IrsaSubject> subjects, bool allowWildcard) : RoleTrustIntent
{
    public override PolicyDocument Build() => Policy.TrustPolicyBuilder.Build(cluster.Partition, cluster.AccountId, subjects, allowWildcard);

    public override TrustPolicyEdit AddTo(PolicyDocument current) => TrustPolicyEditor.AddSubjects(current, cluster.Partition, cluster.AccountId, subjects, allowWildcard);

    public override string Describe() => $"{string.Join(", ", subjects.Select(s => s.Target))} of cluster '{cluster.ClusterName}'";
}
