using System.Management.Automation;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations.PodIdentity;

namespace IrsaPS.PodIdentity;

/// <summary>
/// Set-IrsaPodIdentityAssociation: changes an association's role, target role, session tags or session policy, writing
/// only what differs. A new role (or a change of the session tags) first makes sure the role trusts Pod Identity for the
/// association. Re-pointing the role confirms as high impact. Add-on-owned associations are never changed.
/// </summary>
[Cmdlet(VerbsCommon.Set, "IrsaPodIdentityAssociation", DefaultParameterSetName = ServiceAccountSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(IrsaPodIdentityAssociation))]
public sealed class SetIrsaPodIdentityAssociationCommand : PodIdentityAssociationTargetCmdlet
{
    /// <summary>The new role (in the cluster's account).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RoleArn { get; set; }

    /// <summary>The new target role; an empty string removes it.</summary>
    [Parameter]
    [ValidateNotNull]
    public string? TargetRoleArn { get; set; }

    /// <summary>-DisableSessionTag or -DisableSessionTag:$false; not given: unchanged.</summary>
    [Parameter]
    public SwitchParameter DisableSessionTag { get; set; }

    /// <summary>The new session policy (JSON); an empty string removes it.</summary>
    [Parameter]
    [ValidateNotNull]
    public string? Policy { get; set; }

    /// <summary>How narrowly a trust statement added for the (new) role admits Pod Identity: ServiceAccount (default), Cluster, or Any.</summary>
    [Parameter]
    [ValidateSet(PodIdentityParameters.ServiceAccount, PodIdentityParameters.Cluster, PodIdentityParameters.Any)]
    public string TrustScope { get; set; } = PodIdentityParameters.ServiceAccount;

    /// <summary>Also pin aws:SourceAccount in a trust statement that is added.</summary>
    [Parameter]
    public SwitchParameter RequireSourceAccount { get; set; }

    /// <summary>Skip confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void ProcessRecord()
    {
        var byId = ById;
        var request = new SetPodIdentityAssociationRequest
        {
            ClusterName = ClusterName,
            AssociationId = byId ? AssociationId : null,
            Namespace = byId ? null : Namespace,
            ServiceAccountName = byId ? null : ServiceAccountName,
            RoleArn = RoleArn,
            TargetRoleArn = TargetRoleArn,
            DisableSessionTags = MyInvocation.BoundParameters.ContainsKey(nameof(DisableSessionTag)) ? DisableSessionTag.IsPresent : null,
            Policy = Policy,
            TrustScope = PodIdentityParameters.Scope(TrustScope),
            RequireSourceAccount = RequireSourceAccount.IsPresent,
        };
        if (TryRun(TargetText, (session, ct) => IrsaPodIdentityAssociations.SetAsync(session, request, ct), out var association) && association is not null)
        {
            WriteResult(association);
        }
    }
}
