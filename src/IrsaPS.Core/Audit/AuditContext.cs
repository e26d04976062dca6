using IrsaPS.Core.Verification;

namespace IrsaPS.Core.Audit;

/// <summary>What every check sees: the indexed snapshot, the options, and the audited cluster as Test-IrsaTrust sees it.</summary>
internal sealed class AuditContext
{
    public AuditContext(AuditSnapshot snapshot, AuditOptions options)
    {
        Snapshot = snapshot;
        Options = options;
        Index = new AuditIndex(snapshot);
        if (Index.ClusterIssuer is not null && Validation.AccountId.IsValid(snapshot.AccountId) && Validation.AwsPartition.IsSupported(snapshot.Partition))
        {
            TrustCluster = new TrustClusterContext(snapshot.Cluster.Name, Index.ClusterIssuer.Url, snapshot.Partition, snapshot.AccountId);
        }
    }

    public AuditSnapshot Snapshot { get; }

    public AuditOptions Options { get; }

    public AuditIndex Index { get; }

    public string ClusterName => Snapshot.Cluster.Name;

    /// <summary>The audited cluster for trust evaluation; null when it has no issuer or the account is unknown.</summary>
    public TrustClusterContext? TrustCluster { get; }

    /// <summary>True when the snapshot holds this data (a check without its data reports nothing).</summary>
    public bool Has(AuditNeeds needs) => (Snapshot.Gathered & needs) == needs;
}
