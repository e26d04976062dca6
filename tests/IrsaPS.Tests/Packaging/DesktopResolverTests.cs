using System.IO;
using System.Net;
using System.Reflection;
using Xunit;

namespace IrsaPS.Tests.Packaging;

/// <summary>
/// Windows PowerShell 5.1 scenario: .NET Framework applies no binding redirects to a module, so the module's
/// AssemblyResolve handler must serve any requested version of an assembly that ships in deps/desktop, and nothing else.
/// The handler's lookup is tested here on .NET (the event itself only fires for real on .NET Framework).
/// </summary>
public class DesktopResolverTests : IClassFixture<PackagedModule>
{
    private readonly PackagedModule _module;

    public DesktopResolverTests(PackagedModule module) => _module = module;

    private string? Find(string requested)
    {
        var loader = Assembly.LoadFrom(Path.Combine(_module.Directory, "IrsaPS.dll")).GetType("IrsaPS.Loading.DependencyLoader", throwOnError: true)!;
        var method = loader.GetMethod("FindShippedAssembly", BindingFlags.NonPublic | BindingFlags.Static)!;
        return (string?)method.Invoke(null, [Path.Combine(_module.Directory, "deps", "desktop"), requested]);
    }

    [Theory]
    [InlineData("System.Memory, Version=4.0.1.2, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("System.Text.Json, Version=6.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("Microsoft.Bcl.AsyncInterfaces, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("IrsaPS.Core, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null")]
    [InlineData("AWSSDK.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=885c28607f98e604")]
    public void AnyVersionOfAShippedAssemblyResolvesToTheShippedFile(string requested)
    {
        var path = Find(requested);
        Assert.NotNull(path);
        Assert.Equal(new AssemblyName(requested).Name + ".dll", Path.GetFileName(path));
        Assert.True(File.Exists(path));
    }

#pragma warning disable CA5364 // The legacy protocols are the input under test, never used for a connection.
    [Theory]
    [InlineData(SecurityProtocolType.Tls, SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11, SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12, SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13, SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13)]
    [InlineData(SecurityProtocolType.SystemDefault, SecurityProtocolType.SystemDefault)]
    public void TheImportOnWindowsPowerShellAddsTls12UnlessTheOperatingSystemChooses(SecurityProtocolType current, SecurityProtocolType expected)
    {
        // powershell.exe's legacy default (SSL 3 | TLS 1.0) cannot reach AWS or a Kubernetes API server.
        var tls = Assembly.LoadFrom(Path.Combine(_module.Directory, "IrsaPS.dll")).GetType("IrsaPS.Loading.DesktopTls", throwOnError: true)!;
        var withTls12 = tls.GetMethod("WithTls12", BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Equal(expected, (SecurityProtocolType)withTls12.Invoke(null, [current])!);
    }
#pragma warning restore CA5364

    [Theory]
    [InlineData("6.0.36", false)]
    [InlineData("7.0.20", false)]
    [InlineData("8.0.11", true)]
    [InlineData("10.0.0", true)]
    public void PowerShell7OnOlderDotNetIsRefusedWithAClearMessage(string runtime, bool supported)
    {
        // The deps/core closure is .NET 8: PowerShell 7.2/7.3 would fail with "Could not load System.Runtime 8.0.0.0".
        var loader = Assembly.LoadFrom(Path.Combine(_module.Directory, "IrsaPS.dll")).GetType("IrsaPS.Loading.DependencyLoader", throwOnError: true)!;
        var message = (string?)loader.GetMethod("UnsupportedRuntime", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, [System.Version.Parse(runtime)]);
        Assert.Equal(supported, message is null);
        if (!supported)
        {
            Assert.Contains("PowerShell 7.4", message, System.StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35")]
    [InlineData("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed")]
    [InlineData("..\\..\\evil")]
    [InlineData("../../evil")]
    [InlineData("not an assembly name,,,")]
    public void AnythingElseIsLeftToTheRuntime(string requested) => Assert.Null(Find(requested));
}
