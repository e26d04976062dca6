namespace IrsaPS.Infrastructure;

/// <summary>ErrorIds the module raises itself (the core's live in IrsaPS.Core.Errors.ErrorIds).</summary>
internal static class ModuleErrorIds
{
    public const string OperationStopped = nameof(OperationStopped);
    public const string OperationTimedOut = nameof(OperationTimedOut);
    public const string UnexpectedError = nameof(UnexpectedError);

    /// <summary>A write needed confirmation and the host could not prompt (non-interactive): pass -Force or -Confirm:$false.</summary>
    public const string MissingConfirmation = nameof(MissingConfirmation);

    /// <summary>A -Tag (or similar) hashtable holds a key that is not a string or a value that is not text.</summary>
    public const string InvalidHashtable = nameof(InvalidHashtable);

    /// <summary>Invoke-IrsaAudit -FailOn: findings at or above the given severity exist (after all output was written).</summary>
    public const string IrsaAuditFailed = nameof(IrsaAuditFailed);
}
