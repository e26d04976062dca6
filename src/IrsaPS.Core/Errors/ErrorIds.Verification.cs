namespace IrsaPS.Core.Errors;

/// <summary>ErrorIds raised by Test-IrsaTrust (Verification/) and Invoke-IrsaAudit (Audit/).</summary>
public static partial class ErrorIds
{
    /// <summary>-Check named a check that does not exist (by id like IRSA007 or by name); raised before any call.</summary>
    public const string UnknownAuditCheck = nameof(UnknownAuditCheck);

    /// <summary>An audit or trust-test setting is out of range (page size, parallelism, token lifetime); raised before any call.</summary>
    public const string InvalidAuditOption = nameof(InvalidAuditOption);
}
