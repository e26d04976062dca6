using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Cluster;

/// <summary>
/// Get-IrsaCluster: EKS clusters as IRSA sees them — OIDC issuer, the account's IAM OIDC provider ARN and whether it
/// exists, endpoint access and warnings. Names may hold wildcards; without a name, every cluster of the region.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IrsaCluster")]
[OutputType(typeof(IrsaCluster))]
public sealed class GetIrsaClusterCommand : IrsaAwsCmdlet
{
    /// <summary>Cluster names or patterns (* and ?), also piped in as strings; every cluster of the region when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ClusterName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var names = ParameterConversion.NonEmpty(Name);
        if (names is null && MyInvocation.BoundParameters.ContainsKey(nameof(Name)))
        {
            return; // An object piped in without a cluster name names no cluster.
        }

        foreach (var name in names ?? [null!])
        {
            if (TryRun(name, (session, ct) => IrsaClusters.GetAsync(session, name, ct), out var clusters))
            {
                WriteResults(clusters);
            }
        }
    }
}
