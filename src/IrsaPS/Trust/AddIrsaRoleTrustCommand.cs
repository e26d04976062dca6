using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Trust;

/// <summary>
/// Add-IrsaRoleTrust: lets more service accounts of a cluster assume an existing role, touching nothing else in its
/// trust policy (other statements, clusters and principals stay). Wildcards need -AllowWildcard, and broadening changes
/// confirm like high-impact ones unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Add, "IrsaRoleTrust", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(IrsaRole))]
public sealed class AddIrsaRoleTrustCommand : IrsaAwsCmdlet
{
    /// <summary>The IAM role whose trust to extend.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string RoleName { get; set; } = string.Empty;

    /// <summary>The EKS cluster of the service accounts.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>The namespace(s): one for all names, or one per name in order.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string[]? Namespace { get; set; }

    /// <summary>The service account name(s) (or namespace/name).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] ServiceAccountName { get; set; } = [];

    /// <summary>The token audience the trust requires (sts.amazonaws.com when omitted).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Audience { get; set; }

    /// <summary>Allow * and ? (e.g. every service account of a namespace).</summary>
    [Parameter]
    public SwitchParameter AllowWildcard { get; set; }

    /// <summary>Skip confirmation, also of changes that broaden access.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void ProcessRecord()
    {
        var roleName = RoleName;
        var clusterName = ClusterName;
        var namespaces = ParameterConversion.NonEmpty(Namespace);
        var names = ServiceAccountName;
        var audience = ParameterConversion.EmptyAsNull(Audience);
        var allowWildcard = AllowWildcard.IsPresent;
        if (TryRun(
            roleName,
            (session, ct) => TrustEditing.AddAsync(session, roleName, clusterName, ServiceAccountRef.Pair(namespaces, names, allowWildcards: true), audience, allowWildcard, ct),
            out var roles))
        {
            WriteResults(roles);
        }
    }
}
