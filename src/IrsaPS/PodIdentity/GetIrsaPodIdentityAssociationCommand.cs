using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Infrastructure;

namespace IrsaPS.PodIdentity;

/// <summary>
/// Get-IrsaPodIdentityAssociation: a cluster's EKS Pod Identity associations with their roles (the list has none, so
/// each association is described, at bounded concurrency), filtered by namespace and service account name (wildcards),
/// or one by -AssociationId. Add-on-owned associations are shown with their owner.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IrsaPodIdentityAssociation", DefaultParameterSetName = ListSet)]
[OutputType(typeof(IrsaPodIdentityAssociation))]
public sealed class GetIrsaPodIdentityAssociationCommand : IrsaAwsCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    /// <summary>The EKS cluster.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>Only this namespace's associations.</summary>
    [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Only this service account (or pattern, * and ?).</summary>
    [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceAccount")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    public string? ServiceAccountName { get; set; }

    /// <summary>One association by its id (a-...).</summary>
    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AssociationIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? AssociationId { get; set; }

    protected override void ProcessRecord()
    {
        var cluster = ClusterName;
        var ns = ParameterConversion.EmptyAsNull(Namespace);
        var name = ParameterConversion.EmptyAsNull(ServiceAccountName);
        var id = ParameterSetName == IdSet ? AssociationId : null;
        if (TryRun(id ?? cluster, (session, ct) => IrsaPodIdentityAssociations.GetAsync(session, cluster, ns, name, id, ct), out var associations))
        {
            WriteResults(associations);
        }
    }
}
