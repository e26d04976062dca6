using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Verification;
using IrsaPS.Infrastructure;

namespace IrsaPS.Trust;

/// <summary>
/// Test-IrsaTrust: can this service account assume this role? Evaluates the role's trust policy with IAM's condition
/// semantics for the exact token the pod would carry (sub, aud, issuer), checks the OIDC provider and its client ids,
/// and lists every reason it fails with its fix. -Live also requests a real token and calls AssumeRoleWithWebIdentity.
/// Roles and providers are read once per cluster and shared by every item of the pipeline.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "IrsaTrust", DefaultParameterSetName = ServiceAccountSet)]
[OutputType(typeof(IrsaTrustResult))]
public sealed class TestIrsaTrustCommand : IrsaKubernetesCmdlet
{
    private const string ServiceAccountSet = "ServiceAccount";
    private const string AllSet = "AllNamespaces";

    /// <summary>The EKS cluster of the service account; the cluster the kubeconfig context names when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string? ClusterName { get; set; }

    /// <summary>The namespace of the service account (or write -ServiceAccountName as namespace/name).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>The service account, name or namespace/name; without it, -RoleArn's every service account.</summary>
    [Parameter(ParameterSetName = ServiceAccountSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    public string? ServiceAccountName { get; set; }

    /// <summary>The role to test; the service account's eks.amazonaws.com/role-arn annotation when omitted.</summary>
    [Parameter(ParameterSetName = ServiceAccountSet, ValueFromPipelineByPropertyName = true)]
    public string? RoleArn { get; set; }

    /// <summary>Test every annotated service account (of -Namespace, else of every namespace).</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter AllNamespaces { get; set; }

    /// <summary>Also prove it: request a token for the service account and call AssumeRoleWithWebIdentity.</summary>
    [Parameter]
    public SwitchParameter Live { get; set; }

    protected override void ProcessRecord()
    {
        var request = new TestTrustRequest
        {
            ClusterName = ParameterConversion.EmptyAsNull(ClusterName),
            Namespace = ParameterConversion.EmptyAsNull(Namespace),
            ServiceAccountName = ParameterConversion.EmptyAsNull(ServiceAccountName),
            RoleArn = ParameterConversion.EmptyAsNull(RoleArn),
            AllNamespaces = AllNamespaces.IsPresent,
            Live = Live.IsPresent,
        };
        if (!request.AllNamespaces && request.ServiceAccountName is null && request.RoleArn is null)
        {
            ThrowFailure(
                new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Name a service account (-ServiceAccountName name or namespace/name) or a role (-RoleArn), or use -AllNamespaces."),
                null);
        }

        var target = request.AllNamespaces ? request.ClusterName
            : request.ServiceAccountName is null ? request.RoleArn
            : ServiceAccountRef.Display(request.Namespace, request.ServiceAccountName);
        if (TryRun(target, (session, ct) => IrsaTrusts.TestAsync(session, request, ct), out var results))
        {
            WriteResults(results);
        }
    }
}
