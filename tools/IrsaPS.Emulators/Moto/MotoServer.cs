using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Emulators.Moto;

/// <summary>
/// One <c>moto_server</c> process on a free 127.0.0.1 port, owned by whoever started it and stopped by its PID
/// (never by name: other sessions' servers are none of our business). <c>MOTO_IAM_LOAD_MANAGED_POLICIES=true</c>
/// so AWS-managed policy ARNs can be attached, as in a real account.
/// </summary>
public sealed class MotoServer : IDisposable, IAsyncDisposable
{
    /// <summary>The access key moto accepts (any works; this one is obviously fake).</summary>
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";

    /// <summary>The secret key that goes with <see cref="AccessKey"/>.</summary>
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /// <summary>moto's default account.</summary>
    public const string AccountId = "123456789012";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private MotoServer(Process process, int port)
    {
        _process = process;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The TCP port moto listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>: the one endpoint for IAM, EKS and STS.</summary>
    public Uri Endpoint { get; }

    /// <summary>The process id, so a sandbox can stop exactly this process later.</summary>
    public int ProcessId => _process.Id;

    /// <summary>What moto printed so far (for failing-test diagnostics).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts moto on a free loopback port and waits until it answers. Retries a port race twice.</summary>
    public static async Task<MotoServer> StartAsync(IDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = Loopback.FreePort();
            var info = CreateStartInfo(port, environment);
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;

            Process process;
            try
            {
                process = Process.Start(info) ?? throw new InvalidOperationException("moto_server did not start.");
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("moto_server is not on PATH. Install moto (pip install 'moto[server]') to run wire tests and the sandbox.", ex);
            }

            var server = new MotoServer(process, port);
            try
            {
                await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
            {
                last = new InvalidOperationException($"moto_server on port {port} did not become ready: {ex.Message}\n{server.Log}", ex);
                server.Dispose();
            }
        }

        throw last!;
    }

    /// <summary>
    /// How moto_server is started on <paramref name="port"/> (loopback only, managed policies loaded), without output
    /// redirection: the sandbox uses it to launch a detached server that outlives its own process.
    /// </summary>
    public static ProcessStartInfo CreateStartInfo(int port, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("moto_server")
        {
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        info.ArgumentList.Add("-H");
        info.ArgumentList.Add("127.0.0.1");
        info.ArgumentList.Add("-p");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";
        info.Environment["PYTHONUNBUFFERED"] = "1";

        // botocore inside moto fails some requests (EKS CreateCluster answers 500) when the caller's environment holds
        // partial credentials or names a profile moto cannot read: the emulator gets its own fake keys and no profile.
        info.Environment.Remove("AWS_PROFILE");
        info.Environment.Remove("AWS_DEFAULT_PROFILE");
        info.Environment.Remove("AWS_SESSION_TOKEN");
        info.Environment["AWS_ACCESS_KEY_ID"] = AccessKey;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = SecretKey;
        if (environment is not null)
        {
            foreach (var pair in environment)
            {
                info.Environment[pair.Key] = pair.Value;
            }
        }

        return info;
    }

    /// <summary>Forgets every resource (POST /moto-api/reset): a clean account between test classes.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(50);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode}.");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(Endpoint, "/moto-api/data.json"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 500));
        }

        throw new TimeoutException($"no answer within {timeout.TotalSeconds:0} s.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 256 * 1024)
            {
                _log.AppendLine(line);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
