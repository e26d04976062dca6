using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Kubernetes;

namespace IrsaPS.Bench.Scenarios;

/// <summary>
/// A sandbox started with tools/sandbox in a temporary directory (moto_server and the Kubernetes API stand-in as separate
/// processes, so the benchmark process measures only IrsaPS), stopped with tools/sandbox stop, which kills exactly the
/// two recorded PIDs.
/// </summary>
internal sealed class BenchSandbox : IDisposable
{
    private BenchSandbox(string root, string directory, JsonElement state)
    {
        Root = root;
        Directory = directory;
        MotoEndpoint = state.GetProperty("moto").GetProperty("endpoint").GetString()!;
        AwsEndpoint = state.GetProperty("awsEndpoint").GetString()!;
        ClusterName = state.GetProperty("clusterName").GetString()!;
        Region = state.GetProperty("region").GetString()!;
        Issuer = state.GetProperty("issuer").GetString()!;
        AccountId = state.GetProperty("accountId").GetString()!;
        KubeConfig = state.GetProperty("kubeConfig").GetString()!;
        EnvFile = state.GetProperty("envFile").GetString()!;
    }

    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public string Root { get; }

    public string Directory { get; }

    public string MotoEndpoint { get; }

    /// <summary>The project's emulator layer in front of moto (what answers EKS Pod Identity).</summary>
    public string AwsEndpoint { get; }

    public string ClusterName { get; }

    public string Region { get; }

    public string Issuer { get; }

    public string AccountId { get; }

    public string KubeConfig { get; }

    public string EnvFile { get; }

    public TimeSpan StartTime { get; private set; }

    /// <summary>Starts a sandbox seeded with <paramref name="seedJson"/>.</summary>
    public static async Task<BenchSandbox> StartAsync(string seedJson)
    {
        var root = FindRoot();
        var directory = Path.Combine(Path.GetTempPath(), "irsaps-bench-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        var seed = Path.Combine(directory, "seed.json");
        await File.WriteAllTextAsync(seed, seedJson);
        var clock = Stopwatch.StartNew();
        var (code, output) = await RunAsync(root, "start", directory, "--seed", seed);
        if (code != 0)
        {
            throw new InvalidOperationException("tools/sandbox start failed:\n" + output);
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "sandbox.json")));
        return new BenchSandbox(root, directory, document.RootElement.Clone()) { StartTime = clock.Elapsed };
    }

    public AwsConnection ConnectAws(IAwsCallObserver? observer = null) => AwsConnection.Create(new AwsConnectionSettings
    {
        Region = Region,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        EndpointUrl = MotoEndpoint,
        Observer = observer,
        MaxErrorRetry = 8,
    });

    public KubernetesClient ConnectKubernetes(IKubernetesRequestObserver? observer = null) =>
        KubernetesClient.Connect(new KubernetesConnectionOptions { KubeConfigPath = KubeConfig }, new KubernetesClientOptions { Observer = observer });

    public void Dispose()
    {
        var (code, output) = RunAsync(Root, "stop", Directory).GetAwaiter().GetResult();
        if (code != 0)
        {
            Console.Error.WriteLine("tools/sandbox stop failed:\n" + output);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string root, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(root, "tools", "sandbox"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The repository root: the nearest directory upwards with IrsaPS.sln.</summary>
    public static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IrsaPS.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the IrsaPS repository.");
    }
}
