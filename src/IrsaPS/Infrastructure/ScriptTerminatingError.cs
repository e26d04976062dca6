using System.Management.Automation;

namespace IrsaPS.Infrastructure;

/// <summary>
/// An error that stops the whole script, as PowerShell's own <c>throw</c> statement does — not only the statement, as
/// ThrowTerminatingError does. Measured with the pinned pwsh 7.6.10: ThrowTerminatingError (and WriteError) leave the exit
/// code of <c>pwsh -File</c> at 0 unless $ErrorActionPreference is 'Stop', and with <c>-Command</c> a later statement
/// resets it; a RuntimeException marked as thrown by a throw statement ends the script with exit code 1 under -File and
/// -Command, with or without 'Stop', and try/catch still catches it with its ErrorRecord (ErrorId, category, target).
/// Use it only where failing the script is the documented purpose (Invoke-IrsaAudit -FailOn).
/// </summary>
internal static class ScriptTerminatingError
{
    /// <summary>
    /// The exception to throw for <paramref name="record"/>. Its FullyQualifiedErrorId has the usual cmdlet shape,
    /// <c>&lt;ErrorId&gt;,&lt;command type&gt;</c>, so scripts match it like every other IrsaPS error.
    /// </summary>
    public static RuntimeException Create(ErrorRecord record, PSCmdlet cmdlet)
    {
        var qualified = new ErrorRecord(
            record.Exception,
            record.FullyQualifiedErrorId + "," + cmdlet.GetType().FullName,
            record.CategoryInfo.Category,
            record.TargetObject);
        return new RuntimeException(record.Exception.Message, record.Exception, qualified) { WasThrownFromThrowStatement = true };
    }
}
