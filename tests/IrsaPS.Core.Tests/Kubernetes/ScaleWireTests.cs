using System;
using System.Diagnostics;
using System.Threading.Tasks;
using IrsaPS.Emulators.Kubernetes;
using Xunit;
using Xunit.Abstractions;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>The audit's scale: 20,000 ServiceAccounts and 50,000 pods, listed page by page.</summary>
public class ScaleWireTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwentyThousandServiceAccounts_AndFiftyThousandPods_AreListedPageByPage()
    {
        await using var cluster = await TestCluster.StartAsync();
        var seed = Stopwatch.StartNew();
        new KubeSeedGenerator(Namespaces: 20, ServiceAccountsPerNamespace: 999, Pods: 50_000).ApplyTo(cluster.Server.Store);
        seed.Stop();
        Assert.Equal(20_000, cluster.Server.Store.ServiceAccountCount);
        Assert.Equal(50_000, cluster.Server.Store.PodCount);
        using var client = cluster.Client();

        var accounts = 0;
        var annotated = 0;
        var listAccounts = Stopwatch.StartNew();
        await client.ForEachServiceAccountPageAsync(null, page =>
        {
            accounts += page.Items.Count;
            foreach (var account in page.Items)
            {
                annotated += account.Irsa.RoleArn is null ? 0 : 1;
            }

            return Task.CompletedTask;
        });
        listAccounts.Stop();

        var pods = 0;
        var injected = 0;
        var largestPage = 0;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        var listPods = Stopwatch.StartNew();
        await client.ForEachPodPageAsync(null, page =>
        {
            pods += page.Items.Count;
            largestPage = Math.Max(largestPage, page.Items.Count);
            foreach (var pod in page.Items)
            {
                injected += pod.HasAwsRoleArnEnv ? 1 : 0;
            }

            peak = Math.Max(peak, GC.GetTotalMemory(false));
            return Task.CompletedTask;
        });
        listPods.Stop();

        Assert.Equal(20_000, accounts);
        Assert.Equal(10_000, annotated);
        Assert.Equal(50_000, pods);
        Assert.Equal(500, largestPage);
        Assert.InRange(injected, 1, 24_999);
        Assert.Equal(100, cluster.Events.FindAll(e => e.Path.StartsWith("/api/v1/pods", StringComparison.Ordinal)).Count);
        output.WriteLine($"seed {seed.ElapsedMilliseconds} ms; list 20,000 SAs {listAccounts.ElapsedMilliseconds} ms; list 50,000 pods {listPods.ElapsedMilliseconds} ms "
            + $"({cluster.Events.Count} requests); managed heap during pod paging +{(peak - before) / (1024 * 1024)} MB");

        // Generous bounds (2 shared cores): O(n^2) paging or whole-list buffering would blow far past them.
        Assert.InRange(listPods.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.InRange(peak - before, 0, 400L * 1024 * 1024);
    }
}
