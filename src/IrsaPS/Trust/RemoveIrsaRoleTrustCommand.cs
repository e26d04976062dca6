using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Trust;

/// <summary>
/// Remove-IrsaRoleTrust: stops a role trusting some service accounts of a cluster (or, with -AllServiceAccounts, the
/// whole cluster), touching nothing else in its trust. A trust that would end up empty is refused.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "IrsaRoleTrust", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ServiceAccountSet)]
[OutputType(typeof(IrsaRole))]
public sealed class RemoveIrsaRoleTrustCommand : IrsaAwsCmdlet
{
    private const string ServiceAccountSet = "ServiceAccount";
    private const string ClusterSet = "Cluster";

    /// <summary>The IAM role whose trust to narrow.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string RoleName { get; set; } = string.Empty;

    /// <summary>The EKS cluster of the service accounts.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>The namespace(s): one for all names, or one per name in order.</summary>
    [Parameter(ParameterSetName = ServiceAccountSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string[]? Namespace { get; set; }

    /// <summary>The service account name(s) (or namespace/name) to stop trusting; a pattern removes that exact pattern.</summary>
    [Parameter(ParameterSetName = ServiceAccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] ServiceAccountName { get; set; } = [];

    /// <summary>Stop trusting every service account of the cluster (its whole OIDC provider).</summary>
    [Parameter(ParameterSetName = ClusterSet, Mandatory = true)]
    public SwitchParameter AllServiceAccounts { get; set; }

    /// <summary>Change without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void ProcessRecord()
    {
        var roleName = RoleName;
        var clusterName = ClusterName;
        var namespaces = ParameterConversion.NonEmpty(Namespace);
        var names = ServiceAccountName;
        var wholeCluster = AllServiceAccounts.IsPresent;
        if (TryRun(
            roleName,
            (session, ct) => IrsaRoleTrusts.RemoveAsync(session, roleName, clusterName, wholeCluster ? null : ServiceAccountRef.Pair(namespaces, names, allowWildcards: true), ct),
            out var role) && role is not null)
        {
            WriteResult(role);
        }
    }
}
