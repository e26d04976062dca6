namespace IrsaPS.Core.Errors;

/// <summary>ErrorIds raised by Get-IrsaRoleActivity (Activity/) and the audit's CloudTrail checks.</summary>
public static partial class ErrorIds
{
    /// <summary>The activity window is not valid (-Days, -StartTime, -EndTime, or older than LookupEvents' 90 days); raised before any call.</summary>
    public const string InvalidActivityWindow = nameof(InvalidActivityWindow);

    /// <summary>A -Path is neither a CloudTrail log file nor a folder; raised before anything is read.</summary>
    public const string TrailPathNotFound = nameof(TrailPathNotFound);

    /// <summary>A trail file could not be read (not JSON, truncated, unreadable); the other files are still read.</summary>
    public const string TrailFileUnreadable = nameof(TrailFileUnreadable);

    /// <summary>-RoleArn names a role of another account, whose trust and RoleLastUsed this account cannot read.</summary>
    public const string RoleOfAnotherAccount = nameof(RoleOfAnotherAccount);
}
