using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace IrsaPS.Packager;

/// <summary>One parameter set membership of a parameter ([Parameter] attribute).</summary>
public sealed record ParameterSetEntry(string SetName, bool Mandatory, int Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);

/// <summary>A cmdlet parameter as the compiled assembly declares it.</summary>
public sealed record CmdletParameter(
    string Name,
    string TypeName,
    string TypeFullName,
    bool IsSwitch,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ParameterSetEntry> Sets,
    IReadOnlyList<string> ValidValues,
    string DeclaringType,
    bool SupportsWildcards = false)
{
    public bool AcceptsPipelineByPropertyName => Sets.Any(s => s.ValueFromPipelineByPropertyName);

    public bool AcceptsPipelineByValue => Sets.Any(s => s.ValueFromPipeline);

    /// <summary>Every name this parameter binds under: its name and its aliases.</summary>
    public IEnumerable<string> BindingNames => new[] { Name }.Concat(Aliases);
}

/// <summary>A cmdlet as the compiled assembly declares it.</summary>
public sealed record CmdletDescriptor(
    string Verb,
    string Noun,
    string TypeName,
    bool IsSealed,
    bool SupportsShouldProcess,
    string ConfirmImpact,
    string? DefaultParameterSetName,
    IReadOnlyList<string> OutputTypes,
    IReadOnlyList<CmdletParameter> Parameters,
    IReadOnlyDictionary<string, IReadOnlyList<string>> OutputTypeProperties)
{
    public string Name => Verb + "-" + Noun;

    public IEnumerable<string> ParameterSetNames =>
        Parameters.SelectMany(p => p.Sets.Select(s => s.SetName)).Where(n => n != AllParameterSets).Distinct(StringComparer.OrdinalIgnoreCase)
            .DefaultIfEmpty(DefaultParameterSetName ?? AllParameterSets);

    public const string AllParameterSets = "__AllParameterSets";
}

/// <summary>
/// Reads the cmdlets of a compiled module assembly without executing it: MetadataLoadContext over the assembly, its
/// dependencies, the reference System.Management.Automation from PowerShellStandard.Library and the running .NET's
/// framework assemblies. No PowerShell runtime is needed.
/// </summary>
public static class CmdletCatalog
{
    private const string CmdletAttribute = "System.Management.Automation.CmdletAttribute";
    private const string ParameterAttribute = "System.Management.Automation.ParameterAttribute";
    private const string AliasAttribute = "System.Management.Automation.AliasAttribute";
    private const string OutputTypeAttribute = "System.Management.Automation.OutputTypeAttribute";
    private const string ValidateSetAttribute = "System.Management.Automation.ValidateSetAttribute";
    private const string SwitchParameter = "System.Management.Automation.SwitchParameter";
    private const string SupportsWildcardsAttribute = "System.Management.Automation.SupportsWildcardsAttribute";

    /// <summary>The reference System.Management.Automation.dll this tool was built against.</summary>
    public static string SystemManagementAutomationPath()
    {
        var root = typeof(CmdletCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "PowerShellStandardLibrary").Value!;
        return Path.Combine(root, "lib", "netstandard2.0", "System.Management.Automation.dll");
    }

    public static IReadOnlyList<CmdletDescriptor> Read(string moduleAssemblyPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(moduleAssemblyPath))!;
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = Directory.GetFiles(directory, "*.dll")
            .Concat(Directory.GetFiles(runtimeDirectory, "*.dll"))
            .Append(SystemManagementAutomationPath())
            .GroupBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .ToList();
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(moduleAssemblyPath));
        var cmdlets = new List<CmdletDescriptor>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var cmdlet = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == CmdletAttribute);
            if (cmdlet is null || type.IsAbstract)
            {
                continue;
            }

            cmdlets.Add(Describe(type, cmdlet));
        }

        return cmdlets;
    }

    /// <summary>
    /// The public instance properties, a property hidden by a derived one of the same name (C# <c>new</c>, e.g. a cmdlet's
    /// <c>string[] Region</c> over its base's <c>string Region</c>) left out, as PowerShell binds only the derived one.
    /// </summary>
    public static IEnumerable<PropertyInfo> BindableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => Depth(p.DeclaringType)).First());

    private static int Depth(Type? type)
    {
        var depth = 0;
        for (var t = type; t is not null; t = t.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static CmdletDescriptor Describe(Type type, CustomAttributeData cmdlet)
    {
        var verb = (string)cmdlet.ConstructorArguments[0].Value!;
        var noun = (string)cmdlet.ConstructorArguments[1].Value!;
        var shouldProcess = Named<bool>(cmdlet, "SupportsShouldProcess");
        var impact = cmdlet.NamedArguments.FirstOrDefault(a => a.MemberName == "ConfirmImpact").TypedValue.Value;
        var impactName = impact is null ? "Medium" : ConfirmImpactName(Convert.ToInt32(impact, System.Globalization.CultureInfo.InvariantCulture));
        var defaultSet = cmdlet.NamedArguments.FirstOrDefault(a => a.MemberName == "DefaultParameterSetName").TypedValue.Value as string;

        var outputs = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == OutputTypeAttribute)
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : [arg.Value])
            .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? string.Empty)
            .ToList();

        var parameters = new List<CmdletParameter>();
        foreach (var property in BindableProperties(type))
        {
            var attributes = property.GetCustomAttributesData();
            var sets = attributes.Where(a => a.AttributeType.FullName == ParameterAttribute).Select(a => new ParameterSetEntry(
                Named<string>(a, "ParameterSetName") ?? CmdletDescriptor.AllParameterSets,
                Named<bool>(a, "Mandatory"),
                a.NamedArguments.Any(n => n.MemberName == "Position") ? Named<int>(a, "Position") : int.MinValue,
                Named<bool>(a, "ValueFromPipeline"),
                Named<bool>(a, "ValueFromPipelineByPropertyName"))).ToList();
            if (sets.Count == 0)
            {
                continue;
            }

            var aliases = attributes.Where(a => a.AttributeType.FullName == AliasAttribute)
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : [(string)arg.Value!])
                .ToList();
            var validValues = attributes.Where(a => a.AttributeType.FullName == ValidateSetAttribute)
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : [(string)arg.Value!])
                .ToList();
            var propertyType = property.PropertyType;
            var enumType = propertyType.IsArray ? propertyType.GetElementType()! : propertyType;
            if (enumType.IsGenericType && enumType.GetGenericTypeDefinition().FullName == "System.Nullable`1")
            {
                enumType = enumType.GetGenericArguments()[0]; // -FailOn <IrsaSeverity?>: the values of IrsaSeverity.
            }

            if (validValues.Count == 0 && enumType.IsEnum)
            {
                validValues = enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToList();
            }

            parameters.Add(new CmdletParameter(
                property.Name,
                FriendlyName(propertyType),
                propertyType.FullName ?? propertyType.Name,
                propertyType.FullName == SwitchParameter,
                aliases,
                sets,
                validValues,
                property.DeclaringType?.FullName ?? string.Empty,
                attributes.Any(a => a.AttributeType.FullName == SupportsWildcardsAttribute)));
        }

        var outputProperties = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var outputType in type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == OutputTypeAttribute)
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : [arg.Value])
            .OfType<Type>())
        {
            outputProperties[outputType.FullName!] = outputType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList();
        }

        return new CmdletDescriptor(verb, noun, type.FullName!, type.IsSealed, shouldProcess, impactName, defaultSet, outputs, parameters, outputProperties);
    }

    private static T? Named<T>(CustomAttributeData data, string name)
    {
        var argument = data.NamedArguments.FirstOrDefault(a => a.MemberName == name);
        return argument.MemberInfo is null ? default : (T?)argument.TypedValue.Value;
    }

    private static string ConfirmImpactName(int value) => value switch
    {
        0 => "None",
        1 => "Low",
        2 => "Medium",
        3 => "High",
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>PowerShell-style short type names: String[], Hashtable, SwitchParameter, Nullable types unwrapped.</summary>
    public static string FriendlyName(Type type)
    {
        if (type.IsArray)
        {
            return FriendlyName(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1")
        {
            return FriendlyName(type.GetGenericArguments()[0]);
        }

        return type.Name;
    }
}
