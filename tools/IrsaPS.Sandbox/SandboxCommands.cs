using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Emulators;
using IrsaPS.Emulators.Kubernetes;
using IrsaPS.Emulators.Moto;

namespace IrsaPS.Sandbox;

/// <summary>
/// <c>start</c>, <c>stop</c> and <c>status</c> of a sandbox directory. <c>start</c> runs moto_server with an EKS cluster
/// <c>demo</c> (us-east-1) whose OIDC issuer is registered nowhere yet, and the Kubernetes API stand-in (TLS, seeded,
/// TokenRequest issuer = that cluster's issuer), both detached on free 127.0.0.1 ports; it returns once both answer.
/// <c>stop</c> kills exactly the recorded processes and is safe to repeat.
/// </summary>
public sealed class SandboxCommands(TextWriter output)
{
    public const string ClusterName = "demo";
    public const string Region = "us-east-1";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public async Task<int> StartAsync(string directory, string? seedFile, CancellationToken cancellationToken)
    {
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        var existing = SandboxState.Load(directory);
        if (existing is not null)
        {
            var motoUp = DetachedProcess.IsRunning(existing.Moto);
            var kubeUp = DetachedProcess.IsRunning(existing.Kubernetes);
            if (motoUp && kubeUp)
            {
                output.WriteLine($"The sandbox in {directory} is already running; reusing it (moto_server pid {existing.Moto.Pid}, API stand-in pid {existing.Kubernetes.Pid}).");
                PrintUsage(existing, directory);
                return 0;
            }

            output.WriteLine($"The sandbox in {directory} was only partly running; stopping what is left and starting it again.");
            Stop(existing);
            File.Delete(SandboxState.PathIn(directory));
        }

        SandboxProcess? moto = null;
        SandboxProcess? kube = null;
        try
        {
            moto = await StartMotoAsync(directory, cancellationToken);
            var cluster = await new MotoEks(new Uri(moto.Endpoint), Region).EnsureClusterAsync(ClusterName, cancellationToken);
            var adminToken = NewToken("sandbox-admin");
            var webToken = NewToken("sandbox-web");
            var kubeDirectory = Path.Combine(directory, "kube");
            Directory.CreateDirectory(kubeDirectory);
            using var authority = KubeCertificateAuthority.Create("irsaps-sandbox-ca");
            var caFile = Path.Combine(kubeDirectory, "ca.p12");
            SandboxFiles.WritePrivate(caFile, authority.ExportPkcs12());
            File.WriteAllText(Path.Combine(kubeDirectory, "ca.crt"), authority.CertificatePem);
            var seedPath = Path.Combine(kubeDirectory, "seed.json");
            if (seedFile is not null)
            {
                File.Copy(Path.GetFullPath(seedFile), seedPath, overwrite: true);
            }
            else
            {
                var nodes = await new MotoEc2(new Uri(moto.Endpoint), Region).LaunchAsync(MotoEc2.DefaultNodes, cancellationToken);
                File.WriteAllText(seedPath, SandboxFiles.DefaultSeed(MotoServer.AccountId, nodes).ToJson());
            }

            (kube, var awsEndpoint) = await StartStandInAsync(directory, cluster.Issuer, caFile, seedPath, adminToken, webToken, authority, moto.Endpoint, cancellationToken);

            var kubeConfig = Path.Combine(directory, "kubeconfig");
            SandboxFiles.WriteKubeConfig(kubeConfig, new Uri(kube.Endpoint), authority.CertificatePem, adminToken, webToken, cluster.Arn);
            var envFile = Path.Combine(directory, "env");
            SandboxFiles.WriteEnv(envFile, new Uri(awsEndpoint), Region, kubeConfig, directory);
            SandboxFiles.WriteEnvPs1(Path.Combine(directory, "env.ps1"), new Uri(awsEndpoint), Region, kubeConfig, directory);
            var state = new SandboxState
            {
                Moto = moto,
                Kubernetes = kube,
                AwsEndpoint = awsEndpoint,
                ClusterName = cluster.Name,
                Region = Region,
                Issuer = cluster.Issuer,
                AccountId = MotoServer.AccountId,
                KubeConfig = kubeConfig,
                EnvFile = envFile,
                StartedUtc = DateTime.UtcNow,
            };
            state.Save(directory);
            output.WriteLine($"Sandbox started in {directory}.");
            PrintUsage(state, directory);
            return 0;
        }
        catch (Exception) when (moto is not null || kube is not null)
        {
            if (kube is not null)
            {
                DetachedProcess.Stop(kube);
            }

            if (moto is not null)
            {
                DetachedProcess.Stop(moto);
            }

            throw;
        }
    }

    public int Stop(string directory)
    {
        directory = Path.GetFullPath(directory);
        var state = SandboxState.Load(directory);
        if (state is null)
        {
            output.WriteLine($"No sandbox is recorded in {directory}; nothing to stop.");
            return 0;
        }

        new FaultProxyCommands(output).Stop(directory);
        Stop(state);
        File.Delete(SandboxState.PathIn(directory));
        output.WriteLine($"Sandbox in {directory} stopped. Its files (kubeconfig, env, logs) are left in place.");
        return 0;
    }

    public async Task<int> StatusAsync(string directory, CancellationToken cancellationToken)
    {
        directory = Path.GetFullPath(directory);
        var state = SandboxState.Load(directory);
        if (state is null)
        {
            output.WriteLine($"No sandbox is recorded in {directory}.");
            return 3;
        }

        var running = 0;
        foreach (var process in new[] { state.Moto, state.Kubernetes })
        {
            var up = DetachedProcess.IsRunning(process);
            var answers = up && await AnswersAsync(process, cancellationToken);
            running += up && answers ? 1 : 0;
            output.WriteLine($"{process.Name,-22} pid {process.Pid,-8} {(up ? (answers ? "running" : "running, not answering") : "not running"),-24} {process.Endpoint}");
        }

        output.WriteLine($"EKS cluster '{state.ClusterName}' ({state.Region}), issuer {state.Issuer}");
        return running == 2 ? 0 : 1;
    }

    private void Stop(SandboxState state)
    {
        foreach (var process in new[] { state.Kubernetes, state.Moto })
        {
            output.WriteLine(DetachedProcess.Stop(process)
                ? $"Stopped {process.Name} (pid {process.Pid})."
                : $"{process.Name} (pid {process.Pid}) was not running.");
        }
    }

    private async Task<SandboxProcess> StartMotoAsync(string directory, CancellationToken cancellationToken)
    {
        var log = Path.Combine(directory, "moto.log");
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = Loopback.FreePort();
            using var process = Launch(MotoServer.CreateStartInfo(port), log, "moto_server");
            var recorded = new SandboxProcess("moto_server", process.Id, DetachedProcess.StartTimeOf(process), $"http://127.0.0.1:{port}", log);
            try
            {
                await WaitUntilAsync(recorded, () => MotoAnswersAsync(port, cancellationToken), cancellationToken);
                return recorded;
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
                DetachedProcess.Stop(recorded);
            }
        }

        throw new InvalidOperationException($"moto_server did not start: {last?.Message}", last);
    }

    private async Task<(SandboxProcess StandIn, string AwsEndpoint)> StartStandInAsync(
        string directory,
        string issuer,
        string caFile,
        string seedPath,
        string adminToken,
        string webToken,
        KubeCertificateAuthority authority,
        string motoEndpoint,
        CancellationToken cancellationToken)
    {
        var log = Path.Combine(directory, "kube.log");
        var configPath = Path.Combine(directory, "kube", "standin.json");
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = Loopback.FreePort();
            var awsPort = Loopback.FreePort();
            var tokens = new StandInToken[] { new(adminToken, "sandbox-admin", null), new(webToken, "web-developer", ["web"]) };
            new StandInConfig(port, issuer, Region, caFile, seedPath, tokens, awsPort, motoEndpoint, ClusterName, MotoServer.AccountId).Save(configPath);
            using var process = Launch(SelfStartInfo("serve-kube", configPath), log, "kubernetes API stand-in");
            var recorded = new SandboxProcess("kubernetes-api-standin", process.Id, DetachedProcess.StartTimeOf(process), $"https://127.0.0.1:{port}", log);
            try
            {
                await WaitUntilAsync(
                    recorded,
                    async () => await StandInAnswersAsync(port, adminToken, authority, cancellationToken) && await MotoAnswersAsync(awsPort, cancellationToken),
                    cancellationToken);
                return (recorded, $"http://127.0.0.1:{awsPort}");
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
                DetachedProcess.Stop(recorded);
            }
        }

        throw new InvalidOperationException($"The Kubernetes API stand-in did not start: {last?.Message}", last);
    }

    private static Process Launch(ProcessStartInfo info, string log, string what)
    {
        try
        {
            return DetachedProcess.Start(info, log);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot start {what} ({info.FileName}): {ex.Message}. moto_server comes with 'pip install \"moto[server]\"'.", ex);
        }
    }

    private static async Task WaitUntilAsync(SandboxProcess process, Func<Task<bool>> ready, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var delay = TimeSpan.FromMilliseconds(100);
        while (DateTime.UtcNow < deadline)
        {
            if (!DetachedProcess.IsRunning(process))
            {
                throw new InvalidOperationException($"{process.Name} exited. Last lines of {process.LogFile}:{Environment.NewLine}{DetachedProcess.Tail(process.LogFile)}");
            }

            if (await ready())
            {
                return;
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 500));
        }

        throw new InvalidOperationException($"{process.Name} did not answer within {ReadyTimeout.TotalSeconds:0} s. Last lines of {process.LogFile}:{Environment.NewLine}{DetachedProcess.Tail(process.LogFile)}");
    }

    private static async Task<bool> MotoAnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/moto-api/data.json"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> StandInAnswersAsync(int port, string token, KubeCertificateAuthority authority, CancellationToken cancellationToken)
    {
        try
        {
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && authority.Signed(certificate) };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"https://127.0.0.1:{port}/version"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> AnswersAsync(SandboxProcess process, CancellationToken cancellationToken)
    {
        try
        {
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
            var path = process.Name == "moto_server" ? "/moto-api/data.json" : "/healthz";
            using var response = await http.GetAsync(new Uri(new Uri(process.Endpoint), path), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>This program again, with other arguments (dotnet host + dll, or the apphost).</summary>
    internal static ProcessStartInfo SelfStartInfo(params string[] arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The sandbox cannot find its own executable.");
        var info = new ProcessStartInfo(host) { UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(SandboxCommands).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static string NewToken(string prefix) => prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private void PrintUsage(SandboxState state, string directory)
    {
        output.WriteLine($"  AWS:                 {state.AwsEndpoint}   (the project's emulator layer in front of moto_server at {state.Moto.Endpoint}, pid {state.Moto.Pid}, log {state.Moto.LogFile})");
        output.WriteLine($"  Kubernetes API:      {state.Kubernetes.Endpoint}   pid {state.Kubernetes.Pid}, log {state.Kubernetes.LogFile}");
        output.WriteLine($"  EKS cluster:         {state.ClusterName} ({state.Region}), OIDC issuer {state.Issuer} (no IAM OIDC provider yet)");
        output.WriteLine($"  Use it (bash):       source {Path.Combine(directory, "env")}");
        output.WriteLine($"  Use it (PowerShell): . {Path.Combine(directory, "env.ps1")}");
        output.WriteLine($"  Stop it:             tools/sandbox stop {directory}");
    }
}
