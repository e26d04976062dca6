using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Provider;

/// <summary>
/// Unregister-IrsaOidcProvider: deletes a cluster's IAM OIDC provider (by cluster name or provider ARN), warning first
/// with every role that still trusts it. Every IRSA role of the cluster stops working.
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "IrsaOidcProvider", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(IrsaChange))]
public sealed class UnregisterIrsaOidcProviderCommand : IrsaAwsCmdlet
{
    /// <summary>The EKS cluster whose provider to delete.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string? ClusterName { get; set; }

    /// <summary>The provider's ARN (arn:aws:iam::123456789012:oidc-provider/...), instead of a cluster name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Arn")]
    public string? OidcProviderArn { get; set; }

    /// <summary>Delete without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the change that was made (an IrsaChange).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void ProcessRecord()
    {
        var clusterName = ParameterConversion.EmptyAsNull(ClusterName);
        var arn = ParameterConversion.EmptyAsNull(OidcProviderArn);
        if (TryRun(arn ?? clusterName, (session, ct) => IrsaOidcProviders.UnregisterAsync(session, clusterName, arn, ct), out var changes) && PassThru)
        {
            WriteResults(changes);
        }
    }
}
