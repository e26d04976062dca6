using System.Collections;
using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Provider;

/// <summary>
/// Register-IrsaOidcProvider: creates the cluster's IAM OIDC provider, or completes an existing one (missing client ids,
/// tags, thumbprints are added; nothing is removed). Running it again changes nothing.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "IrsaOidcProvider", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(IrsaOidcProvider))]
public sealed class RegisterIrsaOidcProviderCommand : IrsaAwsCmdlet
{
    /// <summary>The EKS cluster whose OIDC issuer to register.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>Client ids (audiences) the provider lists; sts.amazonaws.com when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ClientId { get; set; }

    /// <summary>Explicit server certificate thumbprints (40 hex digits); IAM does not need them for EKS issuers.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Thumbprint { get; set; }

    /// <summary>Compute the thumbprint from the issuer's TLS certificate chain.</summary>
    [Parameter]
    public SwitchParameter ComputeThumbprint { get; set; }

    /// <summary>Tags for the provider (@{ key = 'value' }).</summary>
    [Parameter]
    public Hashtable? Tag { get; set; }

    protected override void ProcessRecord()
    {
        var clusterName = ClusterName;
        if (TryRun(clusterName, (session, ct) => IrsaOidcProviders.RegisterAsync(session, Request(clusterName), ct), out var provider) && provider is not null)
        {
            WriteResult(provider);
        }
    }

    private RegisterProviderRequest Request(string clusterName) => new()
    {
        ClusterName = clusterName,
        ClientIds = ClientId ?? [],
        Thumbprints = Thumbprint ?? [],
        ComputeThumbprint = ComputeThumbprint.IsPresent,
        Tags = ParameterConversion.ToStringMap(Tag, nameof(Tag)),
    };
}
