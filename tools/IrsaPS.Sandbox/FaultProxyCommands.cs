using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Emulators.Faults;

namespace IrsaPS.Sandbox;

/// <summary>What <c>serve-faults</c> needs: the emulator to stand in front of, the seeded plan, and where to report.</summary>
public sealed record FaultProxyConfig(
    string Upstream, double Rate, int Seed, IReadOnlyList<FaultKind> Kinds, IReadOnlyList<FaultPhase> Phases, string EndpointFile, string StatsFile)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static FaultProxyConfig Load(string path) =>
        JsonSerializer.Deserialize<FaultProxyConfig>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"'{path}' is empty.");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options));
}

/// <summary>What the running proxy has done so far: requests received and forwarded, and every fault it injected.</summary>
public sealed record FaultProxyStats(int Received, int Faults, IReadOnlyDictionary<string, int> ByKind, IReadOnlyDictionary<string, int> ByPhase, IReadOnlyList<FaultRecord> Records);

/// <summary>
/// The sandbox's fault injection: <c>faults-start &lt;dir&gt; [--rate 0.2] [--seed 1] [--kinds Throttle,ServerError,...]
/// [--phases BeforeForward,AfterForward]</c> puts the project's <see cref="FaultProxy"/> (a real reverse proxy, seeded)
/// in front of the sandbox's moto_server as a detached process and prints its endpoint; give it to the cmdlets as
/// <c>-EndpointUrl</c> (or <c>AWS_ENDPOINT_URL</c>). It writes <c>&lt;dir&gt;/faults/stats.json</c> as it goes.
/// <c>faults-stop &lt;dir&gt;</c> (and <c>stop</c>) ends it. This is how the Pester suite proves the cmdlets' retry
/// budget under injected throttling and 5xx.
/// </summary>
public sealed class FaultProxyCommands(TextWriter output)
{
    public const string StateFile = "faults.json";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string StatePath(string directory) => Path.Combine(directory, "faults", StateFile);

    public async Task<int> StartAsync(string directory, IReadOnlyList<string> options, CancellationToken cancellationToken)
    {
        directory = Path.GetFullPath(directory);
        var sandbox = SandboxState.Load(directory) ?? throw new InvalidOperationException($"No sandbox runs in {directory}; start it first.");
        if (Load(directory) is { } running && DetachedProcess.IsRunning(running))
        {
            throw new InvalidOperationException($"A fault proxy already runs for {directory} ({running.Endpoint}); run faults-stop first.");
        }

        var folder = Path.Combine(directory, "faults");
        Directory.CreateDirectory(folder);
        var endpointFile = Path.Combine(folder, "endpoint");
        File.Delete(endpointFile);
        FaultProxyConfig config;
        try
        {
            config = Parse(options, sandbox.Moto.Endpoint, endpointFile, Path.Combine(folder, "stats.json"));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidOperationException($"Bad fault option: {ex.Message}", ex);
        }

        var configPath = Path.Combine(folder, "proxy.json");
        config.Save(configPath);
        var log = Path.Combine(folder, "proxy.log");
        using var process = DetachedProcess.Start(SandboxCommands.SelfStartInfo("serve-faults", configPath), log);
        var started = DetachedProcess.StartTimeOf(process);
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!File.Exists(endpointFile))
        {
            var recorded = new SandboxProcess("fault-proxy", process.Id, started, string.Empty, log);
            if (!DetachedProcess.IsRunning(recorded) || DateTime.UtcNow > deadline)
            {
                DetachedProcess.Stop(recorded);
                throw new InvalidOperationException($"The fault proxy did not start. Last lines of {log}:{Environment.NewLine}{DetachedProcess.Tail(log)}");
            }

            await Task.Delay(100, cancellationToken);
        }

        var endpoint = File.ReadAllText(endpointFile).Trim();
        var state = new SandboxProcess("fault-proxy", process.Id, started, endpoint, log);
        File.WriteAllText(StatePath(directory), JsonSerializer.Serialize(state, Json));
        output.WriteLine(endpoint);
        return 0;
    }

    public int Stop(string directory)
    {
        directory = Path.GetFullPath(directory);
        if (Load(directory) is not { } recorded)
        {
            return 0;
        }

        output.WriteLine(DetachedProcess.Stop(recorded) ? $"Stopped the fault proxy (pid {recorded.Pid})." : $"The fault proxy (pid {recorded.Pid}) was not running.");
        File.Delete(StatePath(directory));
        return 0;
    }

    /// <summary><c>serve-faults &lt;config&gt;</c>: runs the proxy in the foreground until killed, reporting its endpoint and stats in files.</summary>
    public static async Task<int> ServeAsync(string configPath)
    {
        var config = FaultProxyConfig.Load(configPath);
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var plan = new FaultPlan { Rate = config.Rate, Seed = config.Seed, Kinds = config.Kinds, Phases = config.Phases };
        await using var proxy = await FaultProxy.StartAsync(new Uri(config.Upstream), plan);
        File.WriteAllText(config.EndpointFile, proxy.Endpoint.AbsoluteUri.TrimEnd('/'));
        Console.WriteLine($"{DateTime.UtcNow:u} fault proxy on {proxy.Endpoint} in front of {config.Upstream}: rate {config.Rate.ToString(CultureInfo.InvariantCulture)}, seed {config.Seed}, {string.Join("/", config.Kinds)}, {string.Join("/", config.Phases)}");
        var written = -1;
        while (!stop.IsCancellationRequested)
        {
            var received = proxy.TotalRequests;
            if (received != written)
            {
                WriteStats(proxy, config.StatsFile);
                written = received;
            }

            try
            {
                await Task.Delay(150, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        WriteStats(proxy, config.StatsFile);
        return 0;
    }

    private static void WriteStats(FaultProxy proxy, string path)
    {
        var faults = proxy.Faults;
        var stats = new FaultProxyStats(
            proxy.TotalRequests,
            faults.Count,
            faults.GroupBy(f => f.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            faults.GroupBy(f => f.Phase.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            faults);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(stats, Json));
        File.Move(temporary, path, overwrite: true);
    }

    private static SandboxProcess? Load(string directory)
    {
        var path = StatePath(directory);
        return File.Exists(path) ? JsonSerializer.Deserialize<SandboxProcess>(File.ReadAllText(path), Json) : null;
    }

    private static FaultProxyConfig Parse(IReadOnlyList<string> options, string upstream, string endpointFile, string statsFile)
    {
        var rate = 0.2;
        var seed = 1;
        IReadOnlyList<FaultKind> kinds = [FaultKind.Throttle, FaultKind.ServerError, FaultKind.ServiceUnavailable];
        IReadOnlyList<FaultPhase> phases = [FaultPhase.BeforeForward, FaultPhase.AfterForward];
        for (var i = 0; i < options.Count; i += 2)
        {
            var value = i + 1 < options.Count ? options[i + 1] : throw new InvalidOperationException($"{options[i]} needs a value.");
            switch (options[i])
            {
                case "--rate":
                    rate = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (rate is < 0 or > 1)
                    {
                        throw new InvalidOperationException("--rate must be between 0 and 1.");
                    }

                    break;
                case "--seed":
                    seed = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "--kinds":
                    kinds = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<FaultKind>).ToList();
                    break;
                case "--phases":
                    phases = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<FaultPhase>).ToList();
                    break;
                default:
                    throw new InvalidOperationException($"Unknown option {options[i]} (use --rate, --seed, --kinds, --phases).");
            }
        }

        return new FaultProxyConfig(upstream, rate, seed, kinds, phases, endpointFile, statsFile);
    }
}
