using System.Management.Automation;
using IrsaPS.Core.Operations;

namespace IrsaPS.Infrastructure;

/// <summary>
/// Cmdlets that also talk to Kubernetes: -KubeConfig and -KubeContext on top of the AWS parameters. Without them the
/// kubeconfig is found as kubectl finds it (KUBECONFIG, ~/.kube/config); when the cmdlet names an EKS cluster and the
/// kubeconfig's context is not that cluster, IrsaPS connects to the cluster's endpoint with a token it mints itself.
/// </summary>
public abstract class IrsaKubernetesCmdlet : IrsaAwsCmdlet
{
    /// <summary>The kubeconfig file to use instead of KUBECONFIG / ~/.kube/config.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KubeConfig { get; set; }

    /// <summary>The kubeconfig context to use instead of its current-context.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KubeContext { get; set; }

    internal override IrsaSessionSettings CreateSettings() => new()
    {
        Aws = CreateAwsSettings(),
        KubeConfigPath = KubeConfig is null ? null : ResolvePath(KubeConfig),
        KubeContext = KubeContext,
    };
}
