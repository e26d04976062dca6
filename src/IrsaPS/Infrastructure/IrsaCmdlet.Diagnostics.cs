using System;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace IrsaPS.Infrastructure;

/// <summary>
/// Diagnostics under -Debug. For a compiled cmdlet, PowerShell (7.6 too) turns -Debug into VerbosePreference Inquire:
/// every WriteVerbose then asks "Continue with this operation?" — a prompt per AWS or Kubernetes call in a console, and
/// a NullReferenceException from the console host when standard input is redirected or at its end (a CI step). WriteDebug
/// has no such prompt under -Debug. So when -Debug is given without -Verbose, IrsaPS writes its diagnostic lines to the
/// debug stream: the same lines, shown, no question. With -Verbose (or no switch at all) they go to the verbose stream.
/// Warnings stay warnings, and -Debug makes PowerShell ask after each one (WarningPreference Inquire) where a console can
/// ask; where nobody can answer (pwsh -NonInteractive: PSInvalidOperationException; redirected or closed standard input:
/// the console host's NullReferenceException) the warning has already been written, so IrsaPS goes on as the prompt's
/// default answer (Yes) would, instead of failing an operation that may already have written.
/// </summary>
public abstract partial class IrsaCmdlet
{
    /// <summary>Writes a diagnostic line: to the verbose stream, or to the debug stream under -Debug alone (see the class remarks).</summary>
    public new void WriteVerbose(string text)
    {
        if (DebugWithoutVerbose())
        {
            WriteDebug(text);
            return;
        }

        base.WriteVerbose(text);
    }

    /// <summary>Writes a warning; under -Debug, a host that cannot ask "Continue?" afterwards does not fail the cmdlet.</summary>
    public new void WriteWarning(string text)
    {
        try
        {
            base.WriteWarning(text);
        }
        catch (Exception ex) when (DebugInquires("WarningAction") && ex is PSInvalidOperationException or HostException or NullReferenceException)
        {
            WriteDebug($"The warning above was not confirmed: this host cannot prompt ({ex.GetType().Name}). Continuing.");
        }
    }

    /// <summary>-Debug was given and <paramref name="actionParameter"/> (-Verbose, -WarningAction) was not: PowerShell inquires.</summary>
    private bool DebugInquires(string actionParameter) =>
        MyInvocation.BoundParameters.TryGetValue("Debug", out var debug)
        && debug is SwitchParameter { IsPresent: true }
        && !MyInvocation.BoundParameters.ContainsKey(actionParameter);

    private bool DebugWithoutVerbose() => DebugInquires("Verbose");
}
