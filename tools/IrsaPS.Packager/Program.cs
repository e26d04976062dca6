using System;
using System.IO;
using IrsaPS.Packager;

// Usage: IrsaPS.Packager [--configuration Release] [--repository <root>] [--output <dir>]
var configuration = "Release";
var repository = FindRepositoryRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
string? output = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--configuration" or "-c" when i + 1 < args.Length:
            configuration = args[++i];
            break;
        case "--repository" when i + 1 < args.Length:
            repository = Path.GetFullPath(args[++i]);
            break;
        case "--output" or "-o" when i + 1 < args.Length:
            output = Path.GetFullPath(args[++i]);
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: IrsaPS.Packager [--configuration Release] [--repository <root>] [--output <dir>]");
            return 2;
    }
}

try
{
    ModuleLayout.Assemble(new PackageInputs(repository, configuration, output ?? Path.Combine(repository, "output")), Console.Out);
    return 0;
}
catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or IOException)
{
    Console.Error.WriteLine("Packaging failed: " + ex.Message);
    return 1;
}

static string? FindRepositoryRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "IrsaPS.sln")))
        {
            return dir.FullName;
        }
    }

    return null;
}
