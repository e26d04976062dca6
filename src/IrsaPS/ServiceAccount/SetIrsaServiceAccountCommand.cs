using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.ServiceAccount;

/// <summary>
/// Set-IrsaServiceAccount: creates the ServiceAccount or adopts an existing one and sets its IRSA annotations (role ARN;
/// audience, regional STS endpoints and token expiration when given) with a merge patch that touches nothing else.
/// Reports the pods that must restart to pick the role up. Re-pointing an account at another role confirms like a
/// high-impact change.
/// </summary>
[Cmdlet(VerbsCommon.Set, "IrsaServiceAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(IrsaServiceAccount))]
public sealed class SetIrsaServiceAccountCommand : IrsaKubernetesCmdlet
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

    /// <summary>The IAM role ARN for eks.amazonaws.com/role-arn.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RoleArn { get; set; } = string.Empty;

    /// <summary>The EKS cluster (chooses the API server); the kubeconfig's context when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string? ClusterName { get; set; }

    /// <summary>eks.amazonaws.com/audience; left as it is when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Audience { get; set; }

    /// <summary>eks.amazonaws.com/sts-regional-endpoints: -StsRegionalEndpoints sets true, -StsRegionalEndpoints:$false sets false.</summary>
    [Parameter]
    public SwitchParameter StsRegionalEndpoints { get; set; }

    /// <summary>eks.amazonaws.com/token-expiration in seconds (600-86400).</summary>
    [Parameter]
    public int? TokenExpiration { get; set; }

    /// <summary>Only annotate an existing ServiceAccount; never create one.</summary>
    [Parameter]
    public SwitchParameter NoCreate { get; set; }

    /// <summary>Skip confirmation, also when re-pointing an account at another role.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        ValidateCommandLineValue(nameof(Audience), audience => Core.Validation.TokenAudience.Validate(audience));
    }

    protected override void ProcessRecord()
    {
        var ns = ParameterConversion.EmptyAsNull(Namespace);
        var name = ServiceAccountName;
        var clusterName = ParameterConversion.EmptyAsNull(ClusterName);
        var audience = ParameterConversion.EmptyAsNull(Audience);
        bool? regional = MyInvocation.BoundParameters.ContainsKey(nameof(StsRegionalEndpoints)) ? StsRegionalEndpoints.IsPresent : null;
        var expiration = TokenExpiration;
        var noCreate = NoCreate.IsPresent;
        var roleArn = RoleArn;
        if (TryRun(
            ServiceAccountRef.Display(ns, name),
            (session, ct) =>
            {
                var account = ServiceAccountRef.Parse(ns, name);
                var request = new SetServiceAccountRequest
                {
                    ClusterName = clusterName,
                    Namespace = account.Namespace,
                    Name = account.Name,
                    RoleArn = roleArn,
                    Audience = audience,
                    StsRegionalEndpoints = regional,
                    TokenExpiration = expiration,
                    NoCreate = noCreate,
                };
                return IrsaServiceAccounts.SetAsync(session, request, ct);
            },
            out var result) && result is not null)
        {
            WriteResult(result);
        }
    }
}
