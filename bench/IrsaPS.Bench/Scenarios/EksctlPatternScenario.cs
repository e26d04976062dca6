using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using IrsaPS.Bench.CloudFormation;
using IrsaPS.Bench.Eksctl;
using IrsaPS.Core.Aws;

namespace IrsaPS.Bench.Scenarios;

/// <summary>
/// IRSA for N service accounts: IrsaPS's core (as in side-by-side) against a replay of the API calls eksctl makes
/// (<see cref="EksctlReplay"/>), each run on a fresh sandbox, every result checked with Test-IrsaTrust's core:
/// <list type="number">
/// <item>IrsaPS core: Register-IrsaOidcProvider, then New-IrsaRole + Set-IrsaServiceAccount per service account, sequential.</item>
/// <item>eksctl, one invocation for all N (config file), no waiter delays: the pure API cost.</item>
/// <item>eksctl, one invocation for all N, eksctl's real waiter delays, really waited (what a user waits, lower bound).</item>
/// <item>eksctl, one invocation per service account (a shell loop over <c>--name</c>), no waiter delays; its real-delay
/// time is computed: the measured time plus the waiter's delays, which the same model fixes at 30 s per invocation.</item>
/// </list>
/// Every eksctl run starts with <c>eksctl utils associate-iam-oidc-provider</c>, as the IrsaPS run starts with
/// Register-IrsaOidcProvider.
/// </summary>
internal static class EksctlPatternScenario
{
    private const string Policy = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private const string Seed = """{"namespaces":["bench"]}""";

    public static async Task<string> RunAsync(int count, TimeSpan provisioning)
    {
        if (provisioning <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(provisioning), "The modelled CloudFormation provisioning time must be positive (CloudFormation never answers CREATE_COMPLETE to the first poll).");
        }

        Console.WriteLine($"IrsaPS core: IRSA for {count} service accounts (sequential)...");
        var irsa = await SideBySideScenario.RunIrsaPsAsync(count, warmUp: true);
        Console.WriteLine($"  {irsa.Time.TotalSeconds:0.00} s, {irsa.Allowed}/{count} verified");

        Console.WriteLine($"eksctl pattern, one invocation, no waiter delays...");
        var fast = await RunEksctlAsync(count, WaiterTiming.NoDelays(), perServiceAccount: false);
        Console.WriteLine($"  {fast.Time.TotalSeconds:0.00} s, {fast.Allowed}/{count} verified");

        Console.WriteLine($"eksctl pattern, one invocation, real waiter delays (CloudFormation provisioning modelled as {provisioning.TotalSeconds:0.#} s)...");
        var real = await RunEksctlAsync(count, WaiterTiming.RealDelays(provisioning), perServiceAccount: false);
        Console.WriteLine($"  {real.Time.TotalSeconds:0.00} s, {real.Allowed}/{count} verified");

        Console.WriteLine($"eksctl pattern, one invocation per service account, no waiter delays...");
        var loop = await RunEksctlAsync(count, WaiterTiming.NoDelays(), perServiceAccount: true);
        Console.WriteLine($"  {loop.Time.TotalSeconds:0.00} s, {loop.Allowed}/{count} verified");

        return Report(count, provisioning, irsa, fast, real, loop);
    }

    private static async Task<EksctlRun> RunEksctlAsync(int count, WaiterTiming timing, bool perServiceAccount)
    {
        using var sandbox = await BenchSandbox.StartAsync(Seed);
        var calls = new AwsCallCounter();
        var kubeCounter = new KubeRequestCounter();
        var serviceAccounts = Enumerable.Range(0, count)
            .Select(i => "app-" + i.ToString(CultureInfo.InvariantCulture))
            .Select(name => new EksctlServiceAccount("bench", name, [Policy], RoleName: "bench-" + name))
            .ToList();
        var results = new List<EksctlCreateResult>();
        await SandboxWarmUp.RunAsync(sandbox);
        var clock = Stopwatch.StartNew();
        using (var aws = sandbox.ConnectAws(calls))
        using (var cloudFormation = new CloudFormationClient(aws))
        using (var kube = new KubeReplayClient(sandbox.KubeConfig, kubeCounter))
        {
            var replay = new EksctlReplay(aws, cloudFormation, kube, timing, sandbox.ClusterName);
            await replay.AssociateOidcProviderAsync();
            if (perServiceAccount)
            {
                foreach (var sa in serviceAccounts)
                {
                    results.Add(await replay.CreateIamServiceAccountsAsync([sa]));
                }
            }
            else
            {
                results.Add(await replay.CreateIamServiceAccountsAsync(serviceAccounts));
            }
        }

        clock.Stop();
        return new EksctlRun(clock.Elapsed, calls, kubeCounter, results, await SideBySideScenario.VerifyAsync(sandbox));
    }

    private static string Report(int count, TimeSpan provisioning, IrsaPsRun irsa, EksctlRun fast, EksctlRun real, EksctlRun loop)
    {
        // The per-SA loop ran without delays; each of its invocations would wait like one stack of the real-delay run.
        var realWaits = real.Results.SelectMany(r => r.Created).Select(c => c.Wait).ToList();
        var meanDelay = TimeSpan.FromTicks((long)realWaits.Average(w => w.Delays.Ticks));
        var meanPolls = realWaits.Average(w => w.Polls);
        var waited = loop.Time + (meanDelay * count);
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"N = {count} service accounts, namespace bench, policy AmazonS3ReadOnlyAccess; each run on a fresh sandbox.");
        output.AppendLine();
        output.AppendLine("| run | wall time | per service account | AWS calls | Kubernetes requests | verified by Test-IrsaTrust |");
        output.AppendLine("|---|---:|---:|---:|---:|---:|");
        Row(output, "IrsaPS core (Register-IrsaOidcProvider; New-IrsaRole + Set-IrsaServiceAccount per SA, sequential)", irsa.Time, count, irsa.Aws.TotalCalls, irsa.Kube.Total, irsa.Allowed);
        Row(output, "eksctl pattern, one invocation, no waiter delays (pure API cost)", fast.Time, count, fast.Aws.TotalCalls, fast.Kube.Total, fast.Allowed);
        Row(output, $"eksctl pattern, one invocation, real waiter delays (waited; provisioning {provisioning.TotalSeconds:0.#} s)", real.Time, count, real.Aws.TotalCalls, real.Kube.Total, real.Allowed);
        Row(output, "eksctl pattern, one invocation per SA (shell loop), no waiter delays", loop.Time, count, loop.Aws.TotalCalls, loop.Kube.Total, loop.Allowed);
        output.AppendLine(CultureInfo.InvariantCulture, $"| eksctl pattern, one invocation per SA, real waiter delays (computed: the row above + {count} × {meanDelay.TotalSeconds:0.0} s, the mean wait per stack of the real-delay run) | {Seconds(waited)} | {Millis(waited / count)} | {loop.Aws.TotalCalls + (int)Math.Round((meanPolls - 1) * count):N0} | {loop.Kube.Total:N0} | (as above) |");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Ratios (eksctl pattern ÷ IrsaPS core): real delays, one invocation {Ratio(real.Time, irsa.Time)}; one invocation per SA {Ratio(waited, irsa.Time)}; pure API cost, one invocation {Ratio(fast.Time, irsa.Time)}, per SA {Ratio(loop.Time, irsa.Time)}.");
        output.AppendLine();
        output.AppendLine("Calls per operation:");
        output.AppendLine();
        output.AppendLine("| operation | IrsaPS core | eksctl, one invocation, no delays | eksctl, one invocation, real delays | eksctl, per SA, no delays |");
        output.AppendLine("|---|---:|---:|---:|---:|");
        var operations = irsa.Aws.CallsByOperation().Keys
            .Concat(fast.Aws.CallsByOperation().Keys).Concat(real.Aws.CallsByOperation().Keys).Concat(loop.Aws.CallsByOperation().Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"| {operation} | {Get(irsa.Aws.CallsByOperation(), operation)} | {Get(fast.Aws.CallsByOperation(), operation)} | {Get(real.Aws.CallsByOperation(), operation)} | {Get(loop.Aws.CallsByOperation(), operation)} |");
        }

        foreach (var method in new[] { "GET", "POST", "PATCH", "PUT" })
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"| Kubernetes {method} | {Get(irsa.Kube.ByMethod(), method)} | {Get(fast.Kube.ByMethod(), method)} | {Get(real.Kube.ByMethod(), method)} | {Get(loop.Kube.ByMethod(), method)} |");
        }

        output.AppendLine(CultureInfo.InvariantCulture, $"| per service account: AWS + Kubernetes | {PerSa(irsa.Aws.TotalCalls, count)} + {PerSa(irsa.Kube.Total, count)} | {PerSa(fast.Aws.TotalCalls, count)} + {PerSa(fast.Kube.Total, count)} | {PerSa(real.Aws.TotalCalls, count)} + {PerSa(real.Kube.Total, count)} | {PerSa(loop.Aws.TotalCalls, count)} + {PerSa(loop.Kube.Total, count)} |");
        output.AppendLine();
        output.AppendLine(Waits("real-delay run", real));
        output.AppendLine(CultureInfo.InvariantCulture, $"Per-SA invocations: prologue (before the first stack) {Millis(Average(loop.Results.Select(r => r.Prologue)))} on average, first {Millis(loop.Results[0].Prologue)}, last {Millis(loop.Results[^1].Prologue)}.");
        return output.ToString();
    }

    private static string Waits(string label, EksctlRun run)
    {
        var waits = run.Results.SelectMany(r => r.Created).Select(c => c.Wait).ToList();
        var delays = waits.SelectMany(w => w.DelayList).ToList();
        var elapsed = run.Results.SelectMany(r => r.Created).Select(c => c.Elapsed).ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Waiter in the {label}: {waits.Sum(w => w.Polls)} DescribeStacks polls for {waits.Count} stacks ({waits.Min(w => w.Polls)}-{waits.Max(w => w.Polls)} each), delays {(delays.Count == 0 ? "none" : $"{delays.Min().TotalSeconds:0.0}-{delays.Max().TotalSeconds:0.0} s")}; per service account (stack + ServiceAccount) {Millis(elapsed.Min())} to {Millis(elapsed.Max())}; prologue {Millis(run.Results[0].Prologue)}.");
    }

    private static void Row(StringBuilder output, string label, TimeSpan time, int count, int aws, int kube, int allowed) =>
        output.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {Seconds(time)} | {Millis(time / count)} | {aws:N0} | {kube:N0} | {allowed}/{count} |");

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString(time.TotalSeconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";

    private static string Millis(TimeSpan time) => time.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static string Ratio(TimeSpan a, TimeSpan b) => (a.TotalSeconds / b.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + "×";

    private static string PerSa(int total, int count) => ((double)total / count).ToString("0.##", CultureInfo.InvariantCulture);

    private static TimeSpan Average(IEnumerable<TimeSpan> spans) => TimeSpan.FromTicks((long)spans.Average(s => s.Ticks));

    private static int Get(IReadOnlyDictionary<string, int> counts, string key) => counts.TryGetValue(key, out var n) ? n : 0;

    private sealed record EksctlRun(TimeSpan Time, AwsCallCounter Aws, KubeRequestCounter Kube, IReadOnlyList<EksctlCreateResult> Results, int Allowed);
}
