using System;
using System.Collections.Generic;
using System.Management.Automation;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations.PodIdentity;

namespace IrsaPS.PodIdentity;

/// <summary>
/// Remove-IrsaPodIdentityAssociation: deletes an association (by id, or by namespace and service account). The role and its
/// trust stay: other associations may use them. Add-on-owned associations are refused. Confirms as high impact.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "IrsaPodIdentityAssociation", DefaultParameterSetName = ServiceAccountSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(IrsaPodIdentityAssociation))]
public sealed class RemoveIrsaPodIdentityAssociationCommand : PodIdentityAssociationTargetCmdlet
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>Delete without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the deleted association (Deleted = true, with the change).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void ProcessRecord()
    {
        var id = ById ? AssociationId : null;
        var ns = ById ? null : Namespace;
        var name = ById ? null : ServiceAccountName;
        var key = ClusterName + "|" + TargetText;
        if (!_seen.Add(key))
        {
            WriteVerbose($"{key} was already handled in this pipeline.");
            return;
        }

        var cluster = ClusterName;
        if (TryRun(TargetText, (session, ct) => IrsaPodIdentityAssociations.RemoveAsync(session, cluster, id, ns, name, ct), out var removed) && PassThru)
        {
            WriteResult(removed);
        }
    }
}
