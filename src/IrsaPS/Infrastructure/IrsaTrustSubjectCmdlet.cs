using System.Collections.Generic;
using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Operations;

namespace IrsaPS.Infrastructure;

/// <summary>
/// The parameters of the cmdlets that make a role trust service accounts (New-IrsaRole, Add-IrsaRoleTrust): which
/// role, which cluster, which service accounts (arrays pair as <see cref="ServiceAccountRef.Pair"/> documents), which
/// audience, whether wildcards are allowed, and -Force for changes that confirm. All bind from Import-Csv rows.
/// </summary>
public abstract class IrsaTrustSubjectCmdlet : IrsaAwsCmdlet
{
    /// <summary>The IAM role.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string RoleName { get; set; } = string.Empty;

    /// <summary>The EKS cluster whose service accounts the role trusts.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>The namespace(s) of the service accounts: one for all names, or one per name in order.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string[]? Namespace { get; set; }

    /// <summary>
    /// The service account name(s) (or namespace/name). Each cmdlet declares it with its own attributes: mandatory for
    /// Add-IrsaRoleTrust, optional for New-IrsaRole, where a -PolicyTemplate supplies upstream's default.
    /// </summary>
    public abstract string[]? ServiceAccountName { get; set; }

    /// <summary>The token audience the trust requires (sts.amazonaws.com when omitted).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Audience { get; set; }

    /// <summary>Allow * and ? in namespaces and names (a StringLike trust that admits every matching service account).</summary>
    [Parameter]
    public SwitchParameter AllowWildcard { get; set; }

    /// <summary>Skip confirmation, also of trust changes that broaden access.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        ValidateCommandLineValue(nameof(Audience), audience => Core.Validation.TokenAudience.Validate(audience));
    }

    /// <summary>The service accounts this item names (validated by the core; wildcards checked against -AllowWildcard there).</summary>
    internal IReadOnlyList<ServiceAccountRef> ServiceAccounts() =>
        ServiceAccountRef.Pair(ParameterConversion.NonEmpty(Namespace), ServiceAccountName ?? [], allowWildcards: true);

    /// <summary>-Audience, with an empty CSV cell meaning "not given".</summary>
    internal string? AudienceOrNull => ParameterConversion.EmptyAsNull(Audience);
}
