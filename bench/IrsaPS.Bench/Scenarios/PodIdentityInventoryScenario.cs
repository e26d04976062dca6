using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Operations.PodIdentity;

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
        var perNamespace = associations / namespaces;
        if (perNamespace * namespaces != associations || perNamespace * AssociatedEvery > PerNamespace)
        {
            throw new ArgumentException($"{associations} associations do not spread evenly over {namespaces} namespaces at one per {AssociatedEvery} service accounts.");
        }

        Console.WriteLine($"Starting the sandbox with {namespaces * PerNamespace:N0} service accounts, {pods:N0} pods and {associations:N0} associations...");
        using var sandbox = await BenchSandbox.StartAsync(Seed(namespaces, perNamespace, pods));
        Console.WriteLine($"  sandbox up in {sandbox.StartTime.TotalSeconds:0.0} s");

        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"Population: {namespaces * PerNamespace:N0} service accounts ({namespaces} namespaces × {PerNamespace}, every 4th annotated for IRSA) plus each namespace's default, {pods:N0} pods on 8 Linux nodes running the eks-pod-identity-agent DaemonSet, {associations:N0} Pod Identity associations (every {AssociatedEvery}th service account; half of them are also annotated, so IRSA shadows the association). AWS calls go through the project's emulator layer in front of moto.");
        output.AppendLine();
        output.AppendLine("| run | wall time | AWS calls | ListPodIdentityAssociations | DescribePodIdentityAssociation | other AWS | Kubernetes requests | service accounts reported |");
        output.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var run = 1; run <= 2; run++)
        {
            var (time, aws, kube, count) = await WorkloadIdentityAsync(sandbox);
            Row(output, $"Get-IrsaWorkloadIdentity -AllNamespaces -IncludeUnconfigured ({(run == 1 ? "first" : "second")} run)", time, aws, kube, count);
            Console.WriteLine($"  workload identity run {run}: {time.TotalSeconds:0.00} s, {aws.TotalCalls:N0} AWS calls, {kube.Total:N0} Kubernetes requests");
        }

        var (listTime, listAws, listKube, listed) = await AssociationsAsync(sandbox);
        Row(output, "Get-IrsaPodIdentityAssociation (every association, with its role)", listTime, listAws, listKube, listed);
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Lower bound: ceil({associations:N0} / 100) = {(associations + 99) / 100} ListPodIdentityAssociations and {associations:N0} DescribePodIdentityAssociation (EKS's list has no role), {IrsaOperationOptions.Default.MaxParallelCalls} at a time; the other AWS calls are the cluster's (DescribeCluster, GetCallerIdentity, GetOpenIDConnectProvider), once per run. Kubernetes: ceil(n / 500) list requests for service accounts, pods and nodes, plus the agent DaemonSet and its pods.");
        return output.ToString();
    }

    private static void Row(StringBuilder output, string what, TimeSpan time, AwsCallCounter aws, KubeRequestCounter kube, int count)
    {
        var list = aws.Calls("EKS", "ListPodIdentityAssociations");
        var describe = aws.Calls("EKS", "DescribePodIdentityAssociation");
        output.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {time.TotalSeconds:0.00} s | {aws.TotalCalls:N0} | {list:N0} | {describe:N0} | {aws.TotalCalls - list - describe:N0} | {kube.Total:N0} | {count:N0} |");
    }

    private static async Task<(TimeSpan Time, AwsCallCounter Aws, KubeRequestCounter Kube, int Count)> WorkloadIdentityAsync(BenchSandbox sandbox)
    {
        var aws = new AwsCallCounter();
        var kube = new KubeRequestCounter();
        var clock = Stopwatch.StartNew();
        using var session = Session(sandbox, aws, kube);
        var identities = await IrsaWorkloadIdentities.GetAsync(session, sandbox.ClusterName, null, null, allNamespaces: true, includeUnconfigured: true, default);
        clock.Stop();
        Check(identities);
        return (clock.Elapsed, aws, kube, identities.Count);
    }

    private static async Task<(TimeSpan Time, AwsCallCounter Aws, KubeRequestCounter Kube, int Count)> AssociationsAsync(BenchSandbox sandbox)
    {
        var aws = new AwsCallCounter();
        var kube = new KubeRequestCounter();
        var clock = Stopwatch.StartNew();
        using var session = Session(sandbox, aws, kube);
        var associations = await IrsaPodIdentityAssociations.GetAsync(session, sandbox.ClusterName, null, null, null, default);
        clock.Stop();
        if (associations.Any(a => a.RoleArn is null))
        {
            throw new InvalidOperationException("An association came back without its role.");
        }

        return (clock.Elapsed, aws, kube, associations.Count);
    }

    /// <summary>The inventory must be right, not only fast: shadowed associations are flagged, the others serve new pods.</summary>
    private static void Check(System.Collections.Generic.IReadOnlyList<IrsaWorkloadIdentity> identities)
    {
        var associated = identities.Where(i => i.AssociationId is not null).ToList();
        if (associated.Any(i => i.IrsaRoleArn is null && i.NewPods != IrsaCredentialSource.PodIdentity)
            || associated.Any(i => i.IrsaRoleArn is not null && !i.AnnotationShadowsAssociation))
        {
            throw new InvalidOperationException("The workload identity inventory is wrong.");
        }
    }

    private static IrsaSession Session(BenchSandbox sandbox, AwsCallCounter aws, KubeRequestCounter kube) => new(
        new IrsaSessionSettings
        {
            Aws = new AwsConnectionSettings { Region = sandbox.Region, AccessKey = BenchSandbox.AccessKey, SecretKey = BenchSandbox.SecretKey, EndpointUrl = sandbox.AwsEndpoint, Observer = aws },
            KubeConfigPath = sandbox.KubeConfig,
            KubernetesClient = new IrsaPS.Core.Kubernetes.KubernetesClientOptions { Observer = kube },
        },
        SilentHost.Instance);

    private static string Seed(int namespaces, int perNamespace, int pods)
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
