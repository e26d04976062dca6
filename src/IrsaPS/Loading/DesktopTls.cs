using System.Net;

namespace IrsaPS.Loading;

/// <summary>
/// Windows PowerShell 5.1 runs on .NET Framework with powershell.exe's legacy TLS defaults (SSL 3 / TLS 1.0 unless the
/// machine's registry says otherwise), and .NET Framework's HttpClient takes its protocols from
/// <see cref="ServicePointManager.SecurityProtocol"/>. AWS endpoints and Kubernetes API servers require TLS 1.2, so on
/// .NET Framework the module adds TLS 1.2 to the process-wide setting at import (as AWS.Tools and Az.Accounts do).
/// A process that already leaves the choice to the operating system (SystemDefault) is left alone; nothing is removed.
/// On .NET (PowerShell 7) the setting is not used by HttpClient, so nothing is changed there.
/// </summary>
internal static class DesktopTls
{
    internal static void Enable()
    {
        if (!DependencyLoader.IsDotNetFramework)
        {
            return;
        }

        var current = ServicePointManager.SecurityProtocol;
        var wanted = WithTls12(current);
        if (wanted != current)
        {
            ServicePointManager.SecurityProtocol = wanted;
        }
    }

    /// <summary>The protocols to use: <paramref name="current"/> plus TLS 1.2, or SystemDefault (0) unchanged.</summary>
    internal static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
        current == 0 ? current : current | SecurityProtocolType.Tls12;
}
