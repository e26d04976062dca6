using System.Collections;
using System.Management.Automation;
using System.Threading.Tasks;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Templates;
using IrsaPS.Infrastructure;

namespace IrsaPS.Template;

/// <summary>
/// Get-IrsaPolicyTemplate: the catalog of well-known controllers' IAM policies shipped with the module (offline). One
/// object per entry role, with its version, upstream source, default service account, parameters and the policy
/// rendered for the given partition, cluster values and parameters (what is still missing stays a ${placeholder}).
/// </summary>
[Cmdlet(VerbsCommon.Get, "IrsaPolicyTemplate")]
[OutputType(typeof(IrsaPolicyTemplate))]
public sealed class GetIrsaPolicyTemplateCommand : IrsaCmdlet
{
    /// <summary>The entry name (wildcards allowed); every entry when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PolicyTemplateCompleter))]
    [Alias("PolicyTemplate")]
    public string? Name { get; set; }

    /// <summary>The entry version (the newest when omitted).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PolicyTemplateVersionCompleter))]
    [Alias("TemplateVersion")]
    public string? Version { get; set; }

    /// <summary>Every version in the catalog, not only the newest.</summary>
    [Parameter]
    public SwitchParameter AllVersions { get; set; }

    /// <summary>Only this role of the entry (e.g. Controller or Node).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PolicyTemplateRoleCompleter))]
    public string? TemplateRole { get; set; }

    /// <summary>Parameter values to render the policy with: @{ HostedZoneArn = 'arn:aws:route53:::hostedzone/Z1' }.</summary>
    [Parameter]
    public Hashtable? TemplateParameter { get; set; }

    /// <summary>Render scope parameters that are not given on every resource, as New-IrsaRole -AllowUnscopedTemplate would.</summary>
    [Parameter]
    public SwitchParameter AllowUnscopedTemplate { get; set; }

    /// <summary>The partition of the rendered ARNs (aws when omitted).</summary>
    [Parameter]
    [ValidateSet("aws", "aws-cn", "aws-us-gov")]
    public string Partition { get; set; } = "aws";

    /// <summary>The cluster name for entries that scope by it (placeholder when omitted).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string? ClusterName { get; set; }

    /// <summary>The account for entries that name it (placeholder when omitted).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? AccountId { get; set; }

    /// <summary>The region for entries that name it (placeholder when omitted).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    protected override void ProcessRecord()
    {
        var partition = Partition;
        var accountId = ParameterConversion.EmptyAsNull(AccountId);
        var region = ParameterConversion.EmptyAsNull(Region);
        var clusterName = ParameterConversion.EmptyAsNull(ClusterName);
        var name = ParameterConversion.EmptyAsNull(Name);
        var version = ParameterConversion.EmptyAsNull(Version);
        var allVersions = AllVersions.IsPresent;
        var role = ParameterConversion.EmptyAsNull(TemplateRole);
        var allowUnscoped = AllowUnscopedTemplate.IsPresent;
        var templateParameters = TemplateParameter;

        // Offline: no session, no AWS settings are even looked at.
        if (TryRunOperation(
            Name,
            (_, _) => Task.FromResult(IrsaPolicyTemplates.Get(
                name, version, allVersions, role, new TemplateRenderContext(partition, accountId, region, clusterName), ParameterConversion.ToTemplateParameters(templateParameters, nameof(TemplateParameter)), allowUnscoped)),
            out var views))
        {
            foreach (var view in views)
            {
                WriteObject(view);
            }
        }
    }
}
