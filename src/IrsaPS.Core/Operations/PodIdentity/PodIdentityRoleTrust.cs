using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.PodIdentity;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>
/// How New-IrsaRole -PodIdentity scopes the trust: per service account (one statement each), per cluster, or any
/// association (optionally pinned to the account with aws:SourceAccount).
/// </summary>
public sealed record PodIdentityRoleOptions(PodIdentityTrustScope Scope = PodIdentityTrustScope.ServiceAccount, bool RequireSourceAccount = false);

/// <summary>EKS Pod Identity: pods.eks.amazonaws.com may assume the role and tag the session, for each target.</summary>
internal sealed class PodIdentityRoleTrust : RoleTrustIntent
{
    private readonly IReadOnlyList<(PodIdentityTrustTarget Target, PodIdentityRequest Request)> _targets;

    public PodIdentityRoleTrust(IrsaCluster cluster, IReadOnlyList<ServiceAccountRef> serviceAccounts, PodIdentityRoleOptions options)
    {
        Cluster = cluster;
        _targets = options.Scope == PodIdentityTrustScope.ServiceAccount
            ? serviceAccounts.Select(sa => IrsaPodIdentityAssociations.TrustFor(cluster, sa.Namespace, sa.Name, options.Scope, options.RequireSourceAccount, false)).ToList()
            : [IrsaPodIdentityAssociations.TrustFor(cluster, serviceAccounts[0].Namespace, serviceAccounts[0].Name, options.Scope, options.RequireSourceAccount, false)];
    }

    public IrsaCluster Cluster { get; }

    public override PolicyDocument Build()
    {
        var document = new PolicyDocument();
        foreach (var (target, _) in _targets)
        {
            document.Statements.Add(PodIdentityTrustPolicy.CreateStatement(target));
        }

        return document;
    }

    public override TrustPolicyEdit AddTo(PolicyDocument current)
    {
        var before = current.ToJson();
        var document = current;
        var changes = new List<string>();
        var broadening = TrustBroadening.None;
        foreach (var (target, request) in _targets)
        {
            var edit = PodIdentityTrustEditor.Add(document, target, request);
            changes.AddRange(edit.Changes);
            broadening |= edit.Changed ? edit.Broadening : TrustBroadening.None;
            document = edit.Document;
        }

        return new TrustPolicyEdit(document, before, changes, broadening);
    }

    public override string Describe() =>
        $"{PodIdentityTrustPolicy.ServicePrincipal} (EKS Pod Identity) for {string.Join(", ", _targets.Select(t => t.Target.Describe()))}";
}
