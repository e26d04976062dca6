using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Infrastructure;

namespace IrsaPS.PodIdentity;

/// <summary>
/// The base of the cmdlets that change one existing association (Set-, Remove-IrsaPodIdentityAssociation): the cluster,
/// and either the service account (namespace and name) or the association's id, each bound from the pipeline by
/// property name, so Get-IrsaPodIdentityAssociation's output pipes into them.
/// </summary>
public abstract class PodIdentityAssociationTargetCmdlet : IrsaAwsCmdlet
{
    /// <summary>The parameter set that names the association by its service account.</summary>
    public const string ServiceAccountSet = "ServiceAccount";

    /// <summary>The parameter set that names the association by its id.</summary>
    public const string IdSet = "Id";

    /// <summary>The EKS cluster.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>The service account's namespace.</summary>
    [Parameter(ParameterSetName = ServiceAccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Namespace { get; set; }

    /// <summary>The service account.</summary>
    [Parameter(ParameterSetName = ServiceAccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceAccount")]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ServiceAccountName { get; set; }

    /// <summary>The association's id (a-...).</summary>
    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AssociationIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? AssociationId { get; set; }

    /// <summary>True when the association is named by its id.</summary>
    protected bool ById => ParameterSetName == IdSet;

    /// <summary>What the association is called in messages: its id, or namespace/name.</summary>
    protected string TargetText => ById ? AssociationId! : Namespace + "/" + ServiceAccountName;
}
