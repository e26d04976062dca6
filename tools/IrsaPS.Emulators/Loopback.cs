using System.Net;
using System.Net.Sockets;

namespace IrsaPS.Emulators;

/// <summary>Loopback helpers. Every emulator binds 127.0.0.1 and nothing else.</summary>
public static class Loopback
{
    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the caller must cope with a rare race).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
