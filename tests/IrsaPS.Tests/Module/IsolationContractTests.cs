using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace IrsaPS.Tests.Module;

/// <summary>
/// The cmdlet assembly loads in the default load context before the dependency resolver exists and next to other
/// modules' AWS SDKs, so it must reach AWSSDK.Core, YamlDotNet and System.Text.Json only through IrsaPS.Core, and its
/// public surface must not show IrsaPS.Core types where PowerShell looks at import time.
/// </summary>
public sealed class IsolationContractTests : IDisposable
{
    private readonly CmdletAssembly _assembly = new();

    public void Dispose() => _assembly.Dispose();

    [Fact]
    public void TheCmdletAssemblyReferencesOnlyTheCoreItsOutputTypesAndPowerShell()
    {
        using var stream = File.OpenRead(Repository.CmdletAssembly);
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).OrderBy(n => n).ToArray();

        // The framework (System.Runtime, System.Collections, ...) and nothing that ships isolated in deps/core.
        var isolated = new[] { "System.Text.Json", "YamlDotNet", "KubernetesClient", "Fractions" };
        bool Framework(string n) => (n.StartsWith("System.", StringComparison.Ordinal) || n is "netstandard" or "mscorlib")
            && n != "System.Management.Automation" && !isolated.Contains(n);
        Assert.Equal(["IrsaPS.Core", "IrsaPS.Models", "System.Management.Automation"], references.Where(n => !Framework(n)));
        Assert.DoesNotContain(references, n => isolated.Contains(n) || n.StartsWith("AWSSDK", StringComparison.Ordinal));
    }

    [Fact]
    public void NoPublicTypeDerivesFromOrImplementsACoreType()
    {
        foreach (var type in _assembly.Assembly.GetExportedTypes())
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                Assert.False(IsIsolated(current), $"{type.FullName} derives from {current.FullName}.");
            }

            Assert.All(type.GetInterfaces(), i => Assert.False(IsIsolated(i), $"{type.FullName} implements {i.FullName}."));
        }
    }

    [Fact]
    public void NoPublicOrProtectedSignatureShowsAnIsolatedType()
    {
        const BindingFlags visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var problems = new List<string>();
        foreach (var type in _assembly.Assembly.GetExportedTypes())
        {
            foreach (var property in type.GetProperties(visible))
            {
                var getter = property.GetMethod;
                if (getter is not null && (getter.IsPublic || getter.IsFamily || getter.IsFamilyOrAssembly) && Mentions(property.PropertyType))
                {
                    problems.Add($"{type.Name}.{property.Name}: {property.PropertyType}");
                }
            }

            foreach (var method in type.GetMethods(visible).Where(m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName))
            {
                if (Mentions(method.ReturnType) || method.GetParameters().Any(p => Mentions(p.ParameterType)))
                {
                    problems.Add($"{type.Name}.{method.Name}");
                }
            }
        }

        Assert.True(problems.Count == 0, "Visible signatures with IrsaPS.Core or AWSSDK types:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void NoExportedTypeLaysOutAFieldOfAnIsolatedValueType()
    {
        // PowerShell reads Assembly.ExportedTypes (which loads every exported type with its base types and its field
        // layout) BEFORE it runs IModuleAssemblyInitializer.OnImport. A field of a value type from IrsaPS.Core (an enum,
        // a struct, a Nullable<CoreEnum>, a tuple of them), private or static included, makes the runtime load
        // IrsaPS.Core at that moment, before the resolver exists: Import-Module fails on PowerShell 7 and 5.1.
        // Reference-type fields (classes, interfaces, arrays, generic classes over Core types) are not loaded then.
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var problems = new List<string>();
        foreach (var type in _assembly.Assembly.GetExportedTypes())
        {
            for (var current = type; current is not null && current.Assembly == _assembly.Assembly; current = current.BaseType)
            {
                foreach (var field in current.GetFields(all).Where(f => f.FieldType.IsValueType && Mentions(f.FieldType)))
                {
                    problems.Add($"{type.FullName} ({current.Name}.{field.Name}): {field.FieldType}");
                }
            }
        }

        Assert.True(problems.Count == 0, "Exported types with value-type fields from isolated assemblies:\n" + string.Join("\n", problems.Distinct()));
    }

    private static bool IsIsolated(Type type) =>
        type.Assembly.GetName().Name is "IrsaPS.Core" or "YamlDotNet" or "System.Text.Json"
        || type.Assembly.GetName().Name!.StartsWith("AWSSDK", StringComparison.Ordinal);

    private static bool Mentions(Type type) =>
        IsIsolated(type)
        || (type.HasElementType && Mentions(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(Mentions));
}
