using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Infrastructure;

/// <summary>
/// The base of every IrsaPS cmdlet: runs core operations with cancellation (Ctrl+C → <see cref="StopProcessing"/>),
/// marshals their verbose/warning/progress/confirmation calls onto the pipeline thread, and turns core exceptions into
/// ErrorRecords (non-terminating per pipeline item, so 48 of 50 items still complete when 2 fail).
/// </summary>
public abstract partial class IrsaCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PipelineHost? _host;
    private bool _disposed;
    private bool _yesToAll;
    private bool _noToAll;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken StopToken => _stopping.Token;

    /// <summary>True when the cmdlet has a -Force switch and it is set: confirmation prompts are skipped (-WhatIf still applies).</summary>
    protected virtual bool ForceRequested => false;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>The host core operations talk to; created on the pipeline thread on first use.</summary>
    internal PipelineHost OperationHost => _host ??= new PipelineHost(this);

    /// <summary>Runs a core operation to completion on the pipeline thread's behalf.</summary>
    private protected T RunOperation<T>(Func<IOperationHost, CancellationToken, Task<T>> operation)
    {
        try
        {
            return OperationHost.Pump(operation, StopToken);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// Runs one pipeline item's operation; a failure becomes a non-terminating error naming <paramref name="target"/>
    /// and the method returns false, so the next item still runs. Failures every further item would hit too (connection
    /// settings, credentials, a host that cannot confirm) stop the cmdlet with one terminating error instead.
    /// </summary>
    private protected bool TryRunOperation<T>(object? target, Func<IOperationHost, CancellationToken, Task<T>> operation, out T result)
    {
        try
        {
            result = RunOperation(operation);
            return true;
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
        {
            if (ErrorMapping.IsSessionWide(ex))
            {
                ThrowFailure(ex, target);
            }

            WriteError(ErrorMapping.ToErrorRecord(ex, target));
            result = default!;
            return false;
        }
    }

    /// <summary>
    /// Checks a value typed on the command line in BeginProcessing, before any call: <c>-Audience ''</c> is refused like
    /// any bad audience. The same parameter bound from a piped object later (an empty Import-Csv cell) means "not given"
    /// and is not checked here.
    /// </summary>
    private protected void ValidateCommandLineValue(string parameterName, Action<string> validate)
    {
        if (MyInvocation.BoundParameters.TryGetValue(parameterName, out var value) && value is string text)
        {
            try
            {
                validate(text);
            }
            catch (Core.Errors.IrsaException ex)
            {
                ThrowFailure(ex, text);
            }
        }
    }

    /// <summary>A path as PowerShell means it (relative to the current location, PSDrives, ~), as a file-system path.</summary>
    protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>Stops the whole cmdlet with the error (for failures that make every further item pointless).</summary>
    protected void ThrowFailure(Exception exception, object? target) =>
        ThrowTerminatingError(ErrorMapping.ToErrorRecord(exception, target));

    /// <summary>
    /// ShouldProcess with IrsaPS's rules: -WhatIf shows <paramref name="detail"/> (the exact change, e.g. trust JSON
    /// before/after) and writes nothing; -Force skips confirmation but never -WhatIf; a <paramref name="highImpact"/>
    /// change (broadening trust) confirms like ConfirmImpact High even in a cmdlet declared Medium, unless
    /// -Confirm:$false, -Force or $ConfirmPreference = 'None'. A prompt the host cannot answer (pwsh -NonInteractive, or
    /// a console whose input is redirected, as in a CI step) is never attempted: MissingConfirmation instead.
    /// </summary>
    internal bool ConfirmWrite(string target, string action, string? detail, bool highImpact)
    {
        var description = detail is null
            ? $"Performing the operation \"{action}\" on target \"{target}\"."
            : $"Performing the operation \"{action}\" on target \"{target}\".{Environment.NewLine}{detail}";
        var confirmBound = MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirmValue);
        bool? confirm = confirmBound ? confirmValue is SwitchParameter { IsPresent: true } : null;
        var whatIf = WhatIfActive();
        if (ForceRequested && confirm != true && !whatIf)
        {
            WriteVerbose(description + " (-Force)");
            return true;
        }

        var declared = (int)DeclaredImpact();
        var preference = (int)ConfirmPreference();
        try
        {
            if (ConfirmationRules.ShouldProcessPrompts(whatIf, confirm, declared, preference))
            {
                ThrowIfHostCannotPrompt(target);
            }

            if (!ShouldProcess(description, $"{action} on \"{target}\"?{(detail is null ? string.Empty : Environment.NewLine + detail)}", "Confirm"))
            {
                return false;
            }

            if (!ConfirmationRules.NeedsExtraQuestion(highImpact, confirmBound, ForceRequested, declared, preference))
            {
                return true; // Not high impact, or ShouldProcess already asked (or was told not to).
            }

            if (!_yesToAll && !_noToAll)
            {
                ThrowIfHostCannotPrompt(target);
            }

            // Yes to All / No to All answer every further high-impact change of this invocation (a pipeline of 50 items).
            return ShouldContinue(
                $"This is a high-impact change (it broadens who can assume a role, or re-points a ServiceAccount): {action} on \"{target}\". Continue? (Use -Force to skip this question.)",
                "Confirm high-impact change",
                ref _yesToAll,
                ref _noToAll);
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException)
        {
            // The host cannot prompt after all (pwsh -NonInteractive, a hosted runspace without a UI).
            throw new ConfirmationUnavailableException(target, ex);
        }
    }

    /// <summary>
    /// PowerShell's console host reads a prompt's answer from standard input. When that is redirected (a GitHub Actions
    /// 'pwsh' step, which does not pass -NonInteractive; a process started by a scheduler), the prompt would wait forever
    /// on a pipe nobody writes to, or take whatever line comes: refuse instead.
    /// </summary>
    private void ThrowIfHostCannotPrompt(string target)
    {
        if (string.Equals(Host.Name, "ConsoleHost", StringComparison.Ordinal) && Console.IsInputRedirected)
        {
            throw new ConfirmationUnavailableException(target, "standard input is redirected");
        }
    }

    internal void WriteOperationProgress(OperationProgress progress)
    {
        // ProgressRecord rejects an empty activity or status (ArgumentException), which would fail the whole operation.
        var record = new ProgressRecord(
            progress.ActivityId,
            string.IsNullOrEmpty(progress.Activity) ? "IrsaPS" : progress.Activity,
            string.IsNullOrEmpty(progress.Status) ? "..." : progress.Status)
        {
            PercentComplete = progress.Completed ? 100 : Math.Max(-1, Math.Min(100, progress.PercentComplete)),
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        WriteProgress(record);
    }

    /// <summary>
    /// The output rule of every writer (SupportsShouldProcess): under -WhatIf it writes no objects, also when there is
    /// nothing to change; the "What if:" lines show every write instead. (A declined confirmation writes nothing either:
    /// the core returns nothing for an item whose writes were not all applied.) An output object therefore always
    /// describes what is true afterwards, and nothing downstream in a pipeline acts on a write that did not happen.
    /// </summary>
    internal bool SuppressesOutput() =>
        ((CmdletAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute)))?.SupportsShouldProcess == true && WhatIfActive();

    private bool WhatIfActive()
    {
        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter whatIf)
        {
            return whatIf.IsPresent;
        }

        return GetVariableValue("WhatIfPreference") is { } preference && LanguagePrimitives.IsTrue(preference);
    }

    private ConfirmImpact ConfirmPreference() =>
        GetVariableValue("ConfirmPreference") is { } preference && LanguagePrimitives.TryConvertTo(preference, out ConfirmImpact impact)
            ? impact
            : ConfirmImpact.High;

    private ConfirmImpact DeclaredImpact() =>
        ((CmdletAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute)))?.ConfirmImpact ?? ConfirmImpact.Medium;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        if (disposing)
        {
            _stopping.Dispose();
        }

        _disposed = true;
    }
}
