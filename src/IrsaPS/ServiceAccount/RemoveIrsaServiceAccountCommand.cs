using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.ServiceAccount;

/// <summary>
/// Remove-IrsaServiceAccount: removes the four IRSA annotations from a ServiceAccount (other annotations stay), or with
/// -DeleteServiceAccount deletes the ServiceAccount itself.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "IrsaServiceAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(IrsaServiceAccount))]
public sealed class RemoveIrsaServiceAccountCommand : IrsaKubernetesCmdlet
{
    /// <summary>The ServiceAccount's namespace (or write -ServiceAccountName as namespace/name).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>The ServiceAccount's name, or namespace/name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ServiceAccountName { get; set; } = string.Empty;

    /// <summary>The EKS cluster (chooses the API server); the kubeconfig's context when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string? ClusterName { get; set; }

    /// <summary>Delete the ServiceAccount instead of only removing its IRSA annotations.</summary>
    [Parameter]
    public SwitchParameter DeleteServiceAccount { get; set; }

    /// <summary>Change without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the ServiceAccount as it is afterwards (nothing once deleted).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void ProcessRecord()
    {
        var clusterName = ParameterConversion.EmptyAsNull(ClusterName);
        var ns = ParameterConversion.EmptyAsNull(Namespace);
        var name = ServiceAccountName;
        var delete = DeleteServiceAccount.IsPresent;
        if (TryRun(
            ServiceAccountRef.Display(ns, name),
            (session, ct) =>
            {
                var target = ServiceAccountRef.Parse(ns, name);
                return IrsaServiceAccounts.RemoveAsync(session, clusterName, target.Namespace, target.Name, delete, ct);
            },
            out var account)
            && account is not null && PassThru)
        {
            WriteResult(account);
        }
    }
}
