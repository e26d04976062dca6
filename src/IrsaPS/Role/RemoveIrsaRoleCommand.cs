using System;
using System.Collections.Generic;
using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Role;

/// <summary>
/// Remove-IrsaRole: deletes an IAM role the way IAM requires — managed policies detached and inline policies deleted
/// first, each write confirmed. A role piped in several times (New-IrsaRole writes one object per service account) is
/// removed once.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "IrsaRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(IrsaChange))]
public sealed class RemoveIrsaRoleCommand : IrsaAwsCmdlet
{
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The IAM role to delete.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string RoleName { get; set; } = string.Empty;

    /// <summary>Delete without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the changes that were made (IrsaChange objects: detach, delete inline policy, delete role).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void ProcessRecord()
    {
        var roleName = RoleName;
        if (!_seen.Add(roleName))
        {
            WriteVerbose($"Role '{roleName}' was already handled in this pipeline.");
            return;
        }

        if (TryRun(roleName, (session, ct) => IrsaRoles.RemoveAsync(session, roleName, ct), out var changes) && PassThru)
        {
            WriteResults(changes);
        }
    }
}
