using System.Management.Automation;

namespace IrsaPS.Loading;

/// <summary>
/// Runs once when the module is imported, before any cmdlet: installs the dependency resolver and, on Windows PowerShell
/// 5.1, makes sure TLS 1.2 is allowed (see <see cref="DesktopTls"/>); nothing else (import stays fast; AWS and Kubernetes
/// clients are created lazily by the first cmdlet that needs them).
/// This class must never mention a type from IrsaPS.Core: that assembly is only reachable once the resolver is in place.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport()
    {
        DependencyLoader.Install(typeof(ModuleInitializer).Assembly.Location);
        DesktopTls.Enable();
    }

    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyLoader.Uninstall();
}
