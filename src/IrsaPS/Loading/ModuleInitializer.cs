using System.Management.Automation;

namespace IrsaPS.Loading;

/// <summary>
/// Runs once when the module is imported, before any cmdlet: installs the dependency isolation (see
/// <see cref="DependencyLoader"/>); nothing else (import stays fast; AWS and Kubernetes clients are created lazily by the
/// first cmdlet that needs them). PowerShell 7.4 or later is required by the manifest (PowerShellVersion,
/// CompatiblePSEditions Core), so Windows PowerShell 5.1 and older PowerShell 7 versions refuse the import themselves.
/// This class must never mention a type from IrsaPS.Core: that assembly is only reachable once the isolation is in place.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => DependencyLoader.Install(typeof(ModuleInitializer).Assembly.Location);

    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyLoader.Uninstall();
}
