using System;
using System.IO;
using IrsaPS.Core.Audit.Reports;
using IrsaPS.Core.Errors;
using Xunit;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>-OutFile is checked before the audit runs: a folder, or a file in a missing folder, is refused; no folder is created.</summary>
public sealed class ReportFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "irsa-report-" + Guid.NewGuid().ToString("N"));

    public ReportFileTests() => Directory.CreateDirectory(_root);

    [Fact]
    public void AFileInAnExistingFolder_IsAccepted_AsAFullPath()
    {
        var path = Path.Combine(_root, "irsa.sarif");

        Assert.Equal(path, ReportFile.Validate(path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void AFolder_IsRefusedWithOutFileIsDirectory()
    {
        var ex = Assert.Throws<IrsaValidationException>(() => ReportFile.Validate(_root));

        Assert.Equal(ErrorIds.OutFileIsDirectory, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains("irsa.sarif", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APathEndingInASeparator_IsAFolder_EvenWhenMissing()
    {
        var ex = Assert.Throws<IrsaValidationException>(() => ReportFile.Validate(Path.Combine(_root, "reports") + Path.DirectorySeparatorChar));

        Assert.Equal(ErrorIds.OutFileIsDirectory, ex.ErrorId);
    }

    [Fact]
    public void AMissingFolder_IsRefused_AndNotCreated()
    {
        var folder = Path.Combine(_root, "missing", "deeper");

        var ex = Assert.Throws<IrsaValidationException>(() => ReportFile.Validate(Path.Combine(folder, "irsa.sarif")));

        Assert.Equal(ErrorIds.OutFileFolderNotFound, ex.ErrorId);
        Assert.Contains(folder, ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "missing")));
    }

    [Fact]
    public void Write_WritesTheWholeReport_AndTurnsFileSystemFailuresIntoOutFileNotWritable()
    {
        var path = Path.Combine(_root, "irsa.xml");
        ReportFile.Write(path, s => s.Write([1, 2, 3], 0, 3));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));

        var ex = Assert.Throws<IrsaException>(() => ReportFile.Write(_root, s => s.WriteByte(1)));

        Assert.Equal(ErrorIds.OutFileNotWritable, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.PermissionDenied, ex.Kind);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
