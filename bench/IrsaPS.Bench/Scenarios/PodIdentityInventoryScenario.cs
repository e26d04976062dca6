using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Emulators.Faults;

namespace IrsaPS.Bench.Scenarios;

/// <summary>
/// The EKS Pod Identity inventory at scale: a sandbox whose cluster has <c>serviceAccounts</c> service accounts (200 per
/// namespace, every 4th annotated for IRSA), pods on 8 Linux nodes running the agent, and <c>associations</c> Pod
/// Identity associations (every 10th service account of each namespace) loaded into the emulator layer.
/// Get-IrsaWorkloadIdentity -AllNamespaces -IncludeUnconfigured runs twice through the core (a cold and a warm run, each
/// in a new session), and Get-IrsaPodIdentityAssociation once; every AWS call and Kubernetes request is counted against
/// the lower bound: ceil(associations / 100) ListPodIdentityAssociations, one DescribePodIdentityAssociation each, and
/// nothing per service account.
/// </summary>
internal static class PodIdentityInventoryScenario
{
    private const int PerNamespace = 200;
    private const int AssociatedEvery = 10;

    public static async Task<string> RunAsync(int serviceAccounts, int associations, int pods)
    {
        var namespaces = Math.Max(1, serviceAccounts / PerNamespace);
        var measured = await MeasureAsync(serviceAccounts, associations, pods, Console.WriteLine);

        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"Population: {namespaces * PerNamespace:N0} service accounts ({namespaces} namespaces × {PerNamespace}, every 4th annotated for IRSA) plus each namespace's default, {pods:N0} pods on 8 Linux nodes running the eks-pod-identity-agent DaemonSet, {associations:N0} Pod Identity associations (every {AssociatedEvery}th service account; half of them are also annotated, so IRSA shadows the association). AWS requests are counted on the wire by the project's proxy (tools/IrsaPS.Emulators FaultProxy, no faults) in front of the sandbox's emulator layer; Kubernetes requests by the client's request observer.");
        output.AppendLine();
        output.AppendLine("| run | wall time | ListPodIdentityAssociations (expected) | DescribePodIdentityAssociation (expected) | most Describe calls in flight (limit) | other AWS requests | Kubernetes requests | service accounts reported |");
        output.AppendLine("|---|---:|---:|---:|---:|---|---:|---:|");
        foreach (var run in measured)
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"| {run.What} | {run.Time.TotalSeconds:0.00} s | {run.List:N0} ({run.ExpectedList:N0}) | {run.Describe:N0} ({run.ExpectedDescribe:N0}) | {run.MaxInFlight} ({IrsaOperationOptions.Default.MaxParallelCalls}) | {string.Join(", ", run.Other.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))} | {run.Kube:N0} ({string.Join(", ", run.KubeByPath.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}) | {run.Count:N0} |");
        }

        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Lower bound: ceil({associations:N0} / 100) = {(associations + 99) / 100} ListPodIdentityAssociations and {associations:N0} DescribePodIdentityAssociation (EKS's list has no role), at most {IrsaOperationOptions.Default.MaxParallelCalls} at a time; no AWS call per service account. Kubernetes: ceil(n / 500) list requests for service accounts, pods and nodes, plus the agent DaemonSet and its pods.");
        return output.ToString();
    }

    /// <summary>What one run did, counted on the wire.</summary>
    internal sealed record InventoryRun(
        string What,
        TimeSpan Time,
        int List,
        int ExpectedList,
        int Describe,
        int ExpectedDescribe,
        int MaxInFlight,
        IReadOnlyDictionary<string, int> Other,
        int Kube,
        IReadOnlyDictionary<string, int> KubeByPath,
        int Count);

    /// <summary>Starts a sandbox of that population (namespaces of 200 service accounts) and measures it.</summary>
    internal static async Task<IReadOnlyList<InventoryRun>> MeasureAsync(int serviceAccounts, int associations, int pods, Action<string> log)
    {
        var namespaces = Math.Max(1, serviceAccounts / PerNamespace);
        var perNamespace = associations / namespaces;
        if (perNamespace * namespaces != associations || perNamespace * AssociatedEvery > PerNamespace)
        {
            throw new ArgumentException($"{associations} associations do not spread evenly over {namespaces} namespaces at one per {AssociatedEvery} service accounts.");
        }

        log($"Starting the sandbox with {namespaces * PerNamespace:N0} service accounts, {pods:N0} pods and {associations:N0} associations...");
        using var sandbox = await BenchSandbox.StartAsync(Seed(namespaces, perNamespace, pods));
        log($"  sandbox up in {sandbox.StartTime.TotalSeconds:0.0} s");
        await using var wire = await FaultProxy.StartAsync(new Uri(sandbox.AwsEndpoint), FaultPlan.None, [], port: 0);
        return await MeasureAsync(sandbox, wire, associations, log);
    }

    /// <summary>
    /// Get-IrsaWorkloadIdentity -AllNamespaces -IncludeUnconfigured twice (a new session each: cold caches) and
    /// Get-IrsaPodIdentityAssociation once, every AWS request counted by <paramref name="wire"/>; throws when a count is
    /// not the lower bound or an AWS operation other than the cluster's few reads shows up more than twice.
    /// </summary>
    internal static async Task<IReadOnlyList<InventoryRun>> MeasureAsync(BenchSandbox sandbox, FaultProxy wire, int associations, Action<string> log)
    {
        var runs = new List<InventoryRun>();
        for (var run = 1; run <= 2; run++)
        {
            var measured = await OneAsync(sandbox, wire, associations, $"Get-IrsaWorkloadIdentity -AllNamespaces -IncludeUnconfigured ({(run == 1 ? "first" : "second")} run)", async session =>
            {
                var identities = await IrsaWorkloadIdentities.GetAsync(session, sandbox.ClusterName, null, null, allNamespaces: true, includeUnconfigured: true, default);
                Check(identities, associations);
                return identities.Count;
            });
            runs.Add(measured);
            log($"  {measured.What}: {measured.Time.TotalSeconds:0.00} s, {measured.List} List, {measured.Describe} Describe, {measured.Kube:N0} Kubernetes requests");
        }

        var listed = await OneAsync(sandbox, wire, associations, "Get-IrsaPodIdentityAssociation (every association, with its role)", async session =>
        {
            var all = await IrsaPodIdentityAssociations.GetAsync(session, sandbox.ClusterName, null, null, null, default);
            if (all.Count != associations || all.Any(a => a.RoleArn is null))
            {
                throw new InvalidOperationException($"{all.Count} associations came back (expected {associations}), or one without its role.");
            }

            return all.Count;
        });
        runs.Add(listed);
        log($"  {listed.What}: {listed.Time.TotalSeconds:0.00} s, {listed.List} List, {listed.Describe} Describe");
        return runs;
    }

    private static async Task<InventoryRun> OneAsync(BenchSandbox sandbox, FaultProxy wire, int associations, string what, Func<IrsaSession, Task<int>> body)
    {
        var inFlight = new InFlightCounter("DescribePodIdentityAssociation");
        var kube = new KubeRequestCounter();
        var before = wire.Requests.Count;
        var clock = Stopwatch.StartNew();
        int count;
        using (var session = Session(sandbox, wire.Endpoint.AbsoluteUri, inFlight, kube))
        {
            count = await body(session);
        }

        clock.Stop();
        var requests = wire.Requests.Skip(before).GroupBy(r => r.Action, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var list = requests.GetValueOrDefault("ListPodIdentityAssociations");
        var describe = requests.GetValueOrDefault("DescribePodIdentityAssociation");
        var other = requests.Where(p => p.Key is not "ListPodIdentityAssociations" and not "DescribePodIdentityAssociation").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var expectedList = (associations + 99) / 100;
        if (list != expectedList || describe != associations || inFlight.Max > IrsaOperationOptions.Default.MaxParallelCalls || other.Values.Any(n => n > 2)
            || kube.ByPath().Keys.Any(path => path.Contains("/serviceaccounts/", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{what}: {list} ListPodIdentityAssociations (expected {expectedList}), {describe} DescribePodIdentityAssociation (expected {associations}), {inFlight.Max} in flight, other: {string.Join(", ", other.Select(p => p.Key + " " + p.Value))}.");
        }

        return new InventoryRun(what, clock.Elapsed, list, expectedList, describe, associations, inFlight.Max, other, kube.Total, kube.ByPath(), count);
    }

    /// <summary>The inventory must be right, not only fast: shadowed associations are flagged, the others serve new pods.</summary>
    private static void Check(IReadOnlyList<IrsaWorkloadIdentity> identities, int associations)
    {
        var associated = identities.Where(i => i.AssociationId is not null).ToList();
        if (associated.Count != associations
            || associated.Any(i => i.IrsaRoleArn is null && i.NewPods != IrsaCredentialSource.PodIdentity)
            || associated.Any(i => i.IrsaRoleArn is not null && !i.AnnotationShadowsAssociation))
        {
            throw new InvalidOperationException("The workload identity inventory is wrong.");
        }
    }

    private static IrsaSession Session(BenchSandbox sandbox, string endpoint, IAwsCallObserver aws, KubeRequestCounter kube) => new(
        new IrsaSessionSettings
        {
            Aws = new AwsConnectionSettings { Region = sandbox.Region, AccessKey = BenchSandbox.AccessKey, SecretKey = BenchSandbox.SecretKey, EndpointUrl = endpoint, Observer = aws },
            KubeConfigPath = sandbox.KubeConfig,
            KubernetesClient = new IrsaPS.Core.Kubernetes.KubernetesClientOptions { Observer = kube },
        },
        SilentHost.Instance);

    /// <summary>Tracks how many calls of one operation are in flight at once (the client's side of the concurrency bound).</summary>
    private sealed class InFlightCounter(string operation) : IAwsCallObserver
    {
        private int _now;
        private int _max;

        public int Max => Volatile.Read(ref _max);

        public void OnCallStarting(AwsCallStart call)
        {
            if (call.Operation == operation)
            {
                var now = Interlocked.Increment(ref _now);
                int max;
                while (now > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, max) != max)
                {
                }
            }
        }

        public void OnAttempt(AwsAttempt attempt)
        {
        }

        public void OnCallCompleted(AwsCallResult call)
        {
            if (call.Operation == operation)
            {
                Interlocked.Decrement(ref _now);
            }
        }
    }

    internal static string Seed(int namespaces, int perNamespace, int pods)
    {
        var nodes = Enumerable.Range(0, 8).Select(i => new
        {
            name = "node-" + i.ToString(CultureInfo.InvariantCulture),
            providerId = $"aws:///us-east-1a/i-0{i:D16}",
            labels = new { kubernetes_io_os = "linux" },
        });
        var associations = Enumerable.Range(0, namespaces).SelectMany(n => Enumerable.Range(0, perNamespace).Select(a =>
        {
            var ns = "ns-" + n.ToString("D4", CultureInfo.InvariantCulture);
            var sa = "sa-" + (a * AssociatedEvery).ToString("D4", CultureInfo.InvariantCulture);
            return new { @namespace = ns, serviceAccount = sa, roleArn = $"arn:aws:iam::123456789012:role/pi-{ns}-{sa}" };
        }));
        var seed = new
        {
            nodes,
            daemonSets = new[]
            {
                new
                {
                    @namespace = "kube-system",
                    name = "eks-pod-identity-agent",
                    podLabels = new { app_kubernetes_io_name = "eks-pod-identity-agent" },
                    nodeSelector = new { kubernetes_io_os = "linux" },
                },
            },
            podIdentityAssociations = associations,
            generate = new { namespaces, serviceAccountsPerNamespace = PerNamespace, pods, annotateEvery = 4, accountId = "123456789012" },
        };
        return JsonSerializer.Serialize(seed)
            .Replace("kubernetes_io_os", "kubernetes.io/os", StringComparison.Ordinal)
            .Replace("app_kubernetes_io_name", "app.kubernetes.io/name", StringComparison.Ordinal);
    }
}
