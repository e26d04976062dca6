using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.ServiceAccount;

/// <summary>
/// Get-IrsaServiceAccount: ServiceAccounts with IRSA annotations in a namespace (the kubeconfig context's by default,
/// like kubectl) or in all namespaces. A name without wildcards is reported even without annotations.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IrsaServiceAccount", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(IrsaServiceAccount))]
public sealed class GetIrsaServiceAccountCommand : IrsaKubernetesCmdlet
{
    private const string NamespaceSet = "Namespace";
    private const string AllNamespacesSet = "AllNamespaces";

    /// <summary>A ServiceAccount name or pattern (* and ?).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
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

    /// <summary>The EKS cluster (chooses the API server); the kubeconfig's context when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string? ClusterName { get; set; }

    /// <summary>Also list ServiceAccounts without an IRSA role annotation.</summary>
    [Parameter]
    public SwitchParameter IncludeUnannotated { get; set; }

    protected override void ProcessRecord()
    {
        var clusterName = ParameterConversion.EmptyAsNull(ClusterName);
        var ns = ParameterConversion.EmptyAsNull(Namespace);
        var name = ParameterConversion.EmptyAsNull(ServiceAccountName);
        var all = AllNamespaces.IsPresent;
        var unannotated = IncludeUnannotated.IsPresent;
        if (TryRun(
            ns is null ? name : ns + "/" + name,
            (session, ct) => IrsaServiceAccounts.GetAsync(session, clusterName, ns, name, unannotated, all, ct),
            out var accounts))
        {
            WriteResults(accounts);
        }
    }
}
