using System;
using IrsaPS.Core.Models;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Verification;

/// <summary>
/// The cluster side of a trust test: its name (for fix commands), its OIDC issuer (null when it has none), the
/// partition ARNs are built in, and the caller's account (where IrsaPS can read roles and providers).
/// </summary>
internal sealed class TrustClusterContext
{
    public TrustClusterContext(string? clusterName, string? issuer, string partition, string callerAccountId)
    {
        ClusterName = clusterName;
        Issuer = string.IsNullOrEmpty(issuer) ? null : OidcIssuer.Parse(issuer);
        Partition = AwsPartition.Validate(partition);
        CallerAccountId = AccountId.Validate(callerAccountId);
    }

    public string? ClusterName { get; }

    public OidcIssuer? Issuer { get; }

    public string Partition { get; }

    public string CallerAccountId { get; }

    /// <summary>From the lead's cluster model (Get-IrsaCluster's output).</summary>
    public static TrustClusterContext From(IrsaCluster cluster)
    {
        if (cluster is null)
        {
            throw new ArgumentNullException(nameof(cluster));
        }

        return new TrustClusterContext(cluster.ClusterName, cluster.Issuer, cluster.Partition, cluster.AccountId);
    }
}
