using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Infrastructure;

namespace IrsaPS.PodIdentity;

/// <summary>
/// Get-IrsaWorkloadIdentity: per service account (one, a namespace, or all), its IRSA role (the annotation), its EKS Pod
/// Identity association and role, which one new pods get and why, which credentials each running pod actually has (from
/// its environment), the pods to restart, and why Pod Identity cannot serve it when it cannot. Only list calls: no call
/// per service account.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IrsaWorkloadIdentity", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(IrsaWorkloadIdentity))]
public sealed class GetIrsaWorkloadIdentityCommand : IrsaKubernetesCmdlet
{
    private const string NamespaceSet = "Namespace";
    private const string AllNamespacesSet = "AllNamespaces";

    /// <summary>A ServiceAccount name or pattern (* and ?).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceAccount")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    public string? ServiceAccountName { get; set; }

    /// <summary>The namespace; the kubeconfig context's namespace when omitted.</summary>
    [Parameter(ParameterSetName = NamespaceSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Every namespace.</summary>
    [Parameter(ParameterSetName = AllNamespacesSet, Mandatory = true)]
    [Alias("A")]
    public SwitchParameter AllNamespaces { get; set; }

    /// <summary>The EKS cluster (its associations, and its API server).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>Also list service accounts with neither an IRSA annotation nor an association.</summary>
    [Parameter]
    public SwitchParameter IncludeUnconfigured { get; set; }

    protected override void ProcessRecord()
    {
        var cluster = ClusterName;
        var ns = ParameterConversion.EmptyAsNull(Namespace);
        var name = ParameterConversion.EmptyAsNull(ServiceAccountName);
        var all = AllNamespaces.IsPresent;
        var unconfigured = IncludeUnconfigured.IsPresent;
        if (TryRun(ns is null ? name ?? cluster : ns + "/" + name, (session, ct) => IrsaWorkloadIdentities.GetAsync(session, cluster, ns, name, all, unconfigured, ct), out var identities))
        {
            WriteResults(identities);
        }
    }
}
