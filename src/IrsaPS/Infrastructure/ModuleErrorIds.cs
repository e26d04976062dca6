namespace IrsaPS.Infrastructure;

/// <summary>ErrorIds the module raises itself (the core's live in IrsaPS.Core.Errors.ErrorIds).</summary>
internal static class ModuleErrorIds
{
    public const string OperationStopped = nameof(OperationStopped);
    public const string OperationTimedOut = nameof(OperationTimedOut);
    public const string UnexpectedError = nameof(UnexpectedError);
    public const string MissingConfirmation = nameof(MissingConfirmation);
}
