using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using IrsaPS.Packager;

namespace IrsaPS.Tests.Module;

/// <summary>The compiled IrsaPS.dll opened with MetadataLoadContext (never executed), for checks the catalogue does not cover.</summary>
internal sealed class CmdletAssembly : IDisposable
{
    private readonly MetadataLoadContext _context;

    public CmdletAssembly()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = Directory.GetFiles(Repository.CmdletBuild, "*.dll")
            .Concat(Directory.GetFiles(runtime, "*.dll"))
            .Append(CmdletCatalog.SystemManagementAutomationPath())
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        Assembly = _context.LoadFromAssemblyPath(Repository.CmdletAssembly);
    }

    public Assembly Assembly { get; }

    public IEnumerable<Type> CmdletTypes => Assembly.GetExportedTypes()
        .Where(t => !t.IsAbstract && t.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute"));

    public static IEnumerable<PropertyInfo> Parameters(Type cmdlet) => CmdletCatalog.BindableProperties(cmdlet)
        .Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute"));

    public void Dispose() => _context.Dispose();
}
