using System;
using System.IO;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Audit.Reports;

/// <summary>
/// The file a SARIF or JUnit report goes to. Checked before the audit runs (a bad path is known before minutes of
/// reading); written as a whole afterwards. IrsaPS never creates folders: a missing folder is almost always a typo or a
/// CI variable that was not set, and creating it would hide that.
/// </summary>
internal static class ReportFile
{
    /// <summary>Throws <c>OutFileIsDirectory</c> or <c>OutFileFolderNotFound</c> (InvalidArgument) for a file-system path that cannot take a report.</summary>
    public static string Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new IrsaValidationException(ErrorIds.OutFileFolderNotFound, "-OutFile is empty: name the report file, e.g. ./irsa.sarif.", path);
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) || EndsWithSeparator(path))
        {
            throw new IrsaValidationException(
                ErrorIds.OutFileIsDirectory,
                $"-OutFile '{path}' is a folder. Name the report file inside it, e.g. {Path.Combine(full, "irsa.sarif")}.",
                path);
        }

        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw new IrsaValidationException(
                ErrorIds.OutFileFolderNotFound,
                $"The folder of -OutFile '{path}' does not exist: {folder}. Create it first (IrsaPS does not create folders), or write the report elsewhere.",
                path);
        }

        return full;
    }

    /// <summary>Writes the report through <paramref name="write"/>; failures of the file system become <c>OutFileNotWritable</c>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
            write(stream);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or System.Security.SecurityException)
        {
            throw new IrsaException(
                ErrorIds.OutFileNotWritable,
                IrsaErrorKind.PermissionDenied,
                $"The report could not be written to '{path}': {ex.Message}",
                path,
                ex);
        }
    }

    private static bool EndsWithSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
        || path.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal);
}
