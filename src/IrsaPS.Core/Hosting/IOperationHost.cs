namespace IrsaPS.Core.Hosting;

/// <summary>
/// How core operations talk to whoever runs them (a cmdlet, a test, the sandbox CLI) without knowing
/// about PowerShell: PSScriptAnalyzer's IOutputWriter idea. The module implements it on top of
/// WriteVerbose / WriteWarning / WriteProgress / ShouldProcess and marshals calls to the pipeline thread.
/// Implementations must be safe to call from any thread.
/// </summary>
public interface IOperationHost
{
    /// <summary>Diagnostic detail: which API call is being made. Never a secret.</summary>
    void WriteVerbose(string message);

    /// <summary>Something the user should know that does not stop the operation.</summary>
    void WriteWarning(string message);

    /// <summary>Progress of a longer operation; always completed with <see cref="OperationProgress.Completed"/>.</summary>
    void WriteProgress(OperationProgress progress);

    /// <summary>
    /// Asks whether to perform a write. <paramref name="target"/> is the ARN or <c>namespace/name</c>,
    /// <paramref name="action"/> says what will happen, <paramref name="detail"/> shows the exact change
    /// (for trust changes: the JSON before and after). <paramref name="highImpact"/> marks deletions and
    /// trust changes that broaden access, which confirm by default.
    /// Returns false when the caller declined or asked only for a preview (-WhatIf).
    /// </summary>
    bool ShouldProcess(string target, string action, string? detail, bool highImpact);
}
