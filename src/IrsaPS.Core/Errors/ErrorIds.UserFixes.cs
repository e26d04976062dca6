namespace IrsaPS.Core.Errors;

/// <summary>ErrorIds added with the fixes of what a user hits first (issue 9): policy existence, report files, role rollback.</summary>
public static partial class ErrorIds
{
    /// <summary>New-IrsaRole: a -PolicyArn or -PermissionsBoundary names a managed policy that does not exist (checked before any write).</summary>
    public const string PolicyNotFound = nameof(PolicyNotFound);

    /// <summary>New-IrsaRole: the role's inline policies together would exceed IAM's 10,240 characters per role (whitespace not counted).</summary>
    public const string InlinePolicyTooLarge = nameof(InlinePolicyTooLarge);

    /// <summary>Invoke-IrsaAudit -OutFile names a directory, not a file.</summary>
    public const string OutFileIsDirectory = nameof(OutFileIsDirectory);

    /// <summary>Invoke-IrsaAudit -OutFile is in a folder that does not exist (IrsaPS does not create folders).</summary>
    public const string OutFileFolderNotFound = nameof(OutFileFolderNotFound);

    /// <summary>Invoke-IrsaAudit could not write -OutFile (access denied, read-only file, disk full).</summary>
    public const string OutFileNotWritable = nameof(OutFileNotWritable);

    /// <summary>
    /// New-IrsaRole created the role, a later write failed, and removing the half-built role again failed too: the message
    /// says exactly what exists.
    /// </summary>
    public const string RoleLeftIncomplete = nameof(RoleLeftIncomplete);
}
