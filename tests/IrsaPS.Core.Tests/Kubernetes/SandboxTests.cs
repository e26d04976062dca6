using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>
/// tools/IrsaPS.Sandbox end to end: start (moto_server + EKS cluster + API stand-in), the kubeconfig works with IrsaPS's
/// client, start again reuses, stop kills exactly the recorded PIDs and is safe to repeat, a recycled PID is left alone.
/// </summary>
public sealed class SandboxTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "irsaps-sandbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        // Whatever happened, leave no server behind: stop (by recorded PID) and remove the directory.
        if (File.Exists(Path.Combine(_directory, "sandbox.json")))
        {
            Run("stop", _directory);
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task StartUseStop_ManagesExactlyItsOwnProcesses()
    {
        var (code, output) = Run("start", _directory);
        Assert.True(code == 0, output);
        Assert.Contains("Sandbox started", output, StringComparison.Ordinal);

        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "sandbox.json")));
        var root = state.RootElement;
        var motoPid = root.GetProperty("moto").GetProperty("pid").GetInt32();
        var kubePid = root.GetProperty("kubernetes").GetProperty("pid").GetInt32();
        var issuer = root.GetProperty("issuer").GetString()!;
        Assert.True(IsAlive(motoPid));
        Assert.True(IsAlive(kubePid));
        Assert.Equal("demo", root.GetProperty("clusterName").GetString());
        Assert.Matches("^https://oidc\\.eks\\.us-east-1\\.amazonaws\\.com/id/[A-Za-z0-9]+$", issuer);

        var env = File.ReadAllText(Path.Combine(_directory, "env"));
        Assert.Contains($"export AWS_ENDPOINT_URL='{root.GetProperty("awsEndpoint").GetString()}'", env, StringComparison.Ordinal);
        Assert.Contains($"export KUBECONFIG='{Path.Combine(_directory, "kubeconfig")}'", env, StringComparison.Ordinal);
        Assert.Contains("export AWS_REGION='us-east-1'", env, StringComparison.Ordinal);
        Assert.Contains("$env:KUBECONFIG = ", File.ReadAllText(Path.Combine(_directory, "env.ps1")), StringComparison.Ordinal);

        // The kubeconfig works with IrsaPS's own client (TLS with the sandbox CA, token user, context 'demo').
        using (var client = KubernetesClient.Connect(new KubernetesConnectionOptions { KubeConfigPath = Path.Combine(_directory, "kubeconfig") }))
        {
            Assert.Equal("demo", client.Connection.ContextName);
            Assert.Contains("app", (await client.ListServiceAccountsAsync("web")).Select(a => a.Name));
            var pods = await client.ListPodsAsync(null);
            Assert.Contains(pods, p => p.Namespace == "kube-system" && p.Name.StartsWith("aws-node", StringComparison.Ordinal) && p.HostNetwork && p.HasAwsRoleArnEnv);
            var token = await client.RequestServiceAccountTokenAsync("web", "app", ["sts.amazonaws.com"]);
            var payload = token.Token.Split('.')[1].Replace('-', '+').Replace('_', '/');
            using var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
            Assert.Equal(issuer, claims.RootElement.GetProperty("iss").GetString());
        }

        using (var limited = KubernetesClient.Connect(new KubernetesConnectionOptions { KubeConfigPath = Path.Combine(_directory, "kubeconfig"), Context = "demo-web-only" }))
        {
            await Assert.ThrowsAsync<KubernetesForbiddenException>(() => limited.ListServiceAccountsAsync("payments"));
        }

        var (again, againOutput) = Run("start", _directory);
        Assert.Equal(0, again);
        Assert.Contains("already running", againOutput, StringComparison.Ordinal);
        Assert.Contains($"pid {motoPid}", againOutput, StringComparison.Ordinal);

        var (status, statusOutput) = Run("status", _directory);
        Assert.Equal(0, status);
        Assert.Equal(2, statusOutput.Split('\n').Count(l => l.Contains(" running ", StringComparison.Ordinal)));

        var (stopped, stopOutput) = Run("stop", _directory);
        Assert.Equal(0, stopped);
        Assert.Contains($"Stopped moto_server (pid {motoPid})", stopOutput, StringComparison.Ordinal);
        Assert.Contains($"Stopped kubernetes-api-standin (pid {kubePid})", stopOutput, StringComparison.Ordinal);
        Assert.False(IsAlive(motoPid));
        Assert.False(IsAlive(kubePid));

        var (twice, twiceOutput) = Run("stop", _directory);
        Assert.Equal(0, twice);
        Assert.Contains("nothing to stop", twiceOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_LeavesAProcessAloneWhenItsPidWasRecycled()
    {
        Directory.CreateDirectory(_directory);
        using var decoy = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            var state = $$"""
                {
                  "moto": { "name": "moto_server", "pid": {{decoy.Id}}, "startTimeUtc": "2001-01-01T00:00:00Z", "endpoint": "http://127.0.0.1:1", "logFile": "x" },
                  "kubernetes": { "name": "kubernetes-api-standin", "pid": {{decoy.Id}}, "startTimeUtc": "2001-01-01T00:00:00Z", "endpoint": "https://127.0.0.1:2", "logFile": "y" },
                  "awsEndpoint": "http://127.0.0.1:3",
                  "clusterName": "demo", "region": "us-east-1", "issuer": "https://oidc.eks.us-east-1.amazonaws.com/id/X", "accountId": "123456789012",
                  "kubeConfig": "k", "envFile": "e", "startedUtc": "2001-01-01T00:00:00Z"
                }
                """;
            File.WriteAllText(Path.Combine(_directory, "sandbox.json"), state);

            var (code, output) = Run("stop", _directory);

            Assert.Equal(0, code);
            Assert.Contains($"moto_server (pid {decoy.Id}) was not running", output, StringComparison.Ordinal);
            Assert.False(decoy.HasExited);
        }
        finally
        {
            decoy.Kill();
            decoy.WaitForExit();
        }
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(SandboxBuild.Dll.Value);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill();
            throw new TimeoutException("the sandbox CLI did not finish within 3 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static bool IsAlive(int pid)
    {
        if (!Directory.Exists("/proc/self"))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        var text = File.ReadAllText(stat);
        return text[text.LastIndexOf(')') + 2] is not ('Z' or 'X');
    }
}

/// <summary>Where the sandbox CLI of this build configuration is; built on first use when the solution build did not.</summary>
internal static class SandboxBuild
{
    public static readonly Lazy<string> Dll = new(Locate);

    private static string Locate()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IrsaPS.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var project = Path.Combine(root.FullName, "tools", "IrsaPS.Sandbox", "IrsaPS.Sandbox.csproj");
        var dll = Path.Combine(root.FullName, "tools", "IrsaPS.Sandbox", "bin", configuration, "net10.0", "IrsaPS.Sandbox.dll");
        if (!File.Exists(dll))
        {
            var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", configuration, "-nologo"]) { UseShellExecute = false, RedirectStandardOutput = true })!;
            var log = build.StandardOutput.ReadToEnd();
            build.WaitForExit();
            Assert.True(build.ExitCode == 0, "Building the sandbox failed:\n" + log);
        }

        return dll;
    }
}
