using System;
using System.IO;
using IrsaPS.Packager;

namespace IrsaPS.Tests.Packaging;

/// <summary>The module assembled by the real packager into a temporary output folder, once per test class.</summary>
public sealed class PackagedModule : IDisposable
{
    private readonly string _outputRoot = Path.Combine(Path.GetTempPath(), "irsaps-package-" + Guid.NewGuid().ToString("N"));

    public PackagedModule()
    {
        using var log = new StringWriter();
        Directory = ModuleLayout.Assemble(new PackageInputs(Repository.Root, Repository.Configuration, _outputRoot), log);
        Log = log.ToString();
    }

    /// <summary>output/IrsaPS/&lt;version&gt;.</summary>
    public string Directory { get; }

    public string Log { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_outputRoot, recursive: true);
        }
        catch (IOException)
        {
            // An assembly loaded from the package may keep a file open on some platforms; the temp folder is disposable.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
