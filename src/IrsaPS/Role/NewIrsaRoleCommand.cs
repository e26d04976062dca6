using System.Collections;
using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Templates;
using IrsaPS.Infrastructure;

namespace IrsaPS.Role;

/// <summary>
/// New-IrsaRole: an IAM role whose trust admits exactly the given service accounts of a cluster (sub and aud
/// conditions), with managed and inline policies, boundary, tags, path, description and session length. An existing
/// role of that name is adopted: what is missing is added, nothing is removed. Writes one IrsaRole per service
/// account, so the output pipes into Set-IrsaServiceAccount. With -PodIdentity the same role is made for EKS Pod
/// Identity (trust for pods.eks.amazonaws.com) and pipes into New-IrsaPodIdentityAssociation.
/// </summary>
[Cmdlet(VerbsCommon.New, "IrsaRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(IrsaRole))]
public sealed class NewIrsaRoleCommand : IrsaTrustSubjectCmdlet
{
    /// <summary>The service account name(s) (or namespace/name); with -PolicyTemplate, the entry's default when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    public override string[]? ServiceAccountName { get; set; }

    /// <summary>A policy template of the catalog (Get-IrsaPolicyTemplate) whose policies the role gets.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PolicyTemplateCompleter))]
    [ValidateNotNullOrEmpty]
    public string? PolicyTemplate { get; set; }

    /// <summary>The template version (the newest when omitted).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PolicyTemplateVersionCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TemplateVersion { get; set; }

    /// <summary>The template's role, for templates with several (e.g. Controller or Node).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PolicyTemplateRoleCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TemplateRole { get; set; }

    /// <summary>The template's parameters: @{ HostedZoneArn = 'arn:aws:route53:::hostedzone/Z1', 'arn:...' }.</summary>
    [Parameter]
    public Hashtable? TemplateParameter { get; set; }

    /// <summary>Leave the template's scope parameters out: their writes stay on every resource (confirmed as broadening).</summary>
    [Parameter]
    public SwitchParameter AllowUnscopedTemplate { get; set; }

    /// <summary>Managed policy ARNs to attach.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PolicyArn { get; set; }

    /// <summary>Inline policies: @{ name = '{json}' }.</summary>
    [Parameter]
    public Hashtable? InlinePolicy { get; set; }

    /// <summary>The permissions boundary policy ARN.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PermissionsBoundary { get; set; }

    /// <summary>Role tags: @{ key = 'value' }.</summary>
    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary>The IAM path of a new role (/ when omitted).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The role description.</summary>
    [Parameter]
    [ValidateNotNull]
    public string? Description { get; set; }

    /// <summary>The longest session in seconds (3600-43200).</summary>
    [Parameter]
    public int? MaxSessionDuration { get; set; }

    /// <summary>A role for EKS Pod Identity: the trust admits pods.eks.amazonaws.com (scoped by -TrustScope) instead of the cluster's OIDC subjects.</summary>
    [Parameter]
    public SwitchParameter PodIdentity { get; set; }

    /// <summary>With -PodIdentity: ServiceAccount (default: one statement per service account), Cluster, or Any.</summary>
    [Parameter]
    [ValidateSet(IrsaPS.PodIdentity.PodIdentityParameters.ServiceAccount, IrsaPS.PodIdentity.PodIdentityParameters.Cluster, IrsaPS.PodIdentity.PodIdentityParameters.Any)]
    public string? TrustScope { get; set; }

    /// <summary>With -PodIdentity: also pin aws:SourceAccount in the trust.</summary>
    [Parameter]
    public SwitchParameter RequireSourceAccount { get; set; }

    protected override void ProcessRecord()
    {
        var roleName = RoleName;
        if (TryRun(roleName, (session, ct) => IrsaRoles.NewAsync(session, Request(), ct), out var roles))
        {
            WriteResults(roles);
        }
    }

    private NewRoleRequest Request() => new()
    {
        RoleName = RoleName,
        ClusterName = ClusterName,
        ServiceAccounts = PolicyTemplate is not null && ParameterConversion.NonEmpty(ServiceAccountName) is null ? [] : ServiceAccounts(),
        Template = PolicyTemplate is null ? null : new PolicyTemplateSelection
        {
            Name = PolicyTemplate,
            Version = TemplateVersion,
            Role = TemplateRole,
            Parameters = ParameterConversion.ToTemplateParameters(TemplateParameter, nameof(TemplateParameter)),
            AllowUnscoped = AllowUnscopedTemplate.IsPresent,
            Namespace = ParameterConversion.NonEmpty(Namespace)?[0],
        },
        Audience = AudienceOrNull,
        AllowWildcard = AllowWildcard.IsPresent,
        PolicyArns = PolicyArn ?? [],
        InlinePolicies = ParameterConversion.ToPolicyMap(InlinePolicy, nameof(InlinePolicy)),
        PermissionsBoundary = PermissionsBoundary,
        Tags = ParameterConversion.ToStringMap(Tag, nameof(Tag)),
        Path = Path,
        Description = Description,
        MaxSessionDuration = MaxSessionDuration,
        PodIdentity = PodIdentityOptions(),
    };

    private Core.Operations.PodIdentity.PodIdentityRoleOptions? PodIdentityOptions()
    {
        if (!PodIdentity.IsPresent)
        {
            if (TrustScope is not null || RequireSourceAccount.IsPresent)
            {
                throw new Core.Errors.IrsaValidationException(Core.Errors.ErrorIds.InvalidParameterCombination, "-TrustScope and -RequireSourceAccount apply to -PodIdentity roles only.");
            }

            return null;
        }

        return new(IrsaPS.PodIdentity.PodIdentityParameters.Scope(TrustScope), RequireSourceAccount.IsPresent);
    }
}
