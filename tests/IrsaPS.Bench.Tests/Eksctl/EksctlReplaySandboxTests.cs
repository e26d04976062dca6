using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Bench.CloudFormation;
using IrsaPS.Bench.Eksctl;
using IrsaPS.Bench.Scenarios;
using IrsaPS.Core.Aws;
using Xunit;

namespace IrsaPS.Bench.Tests.Eksctl;

/// <summary>
/// The eksctl replay end to end on a sandbox of its own (tools/sandbox: moto + the Kubernetes API stand-in, stopped by
/// PID): exactly eksctl's calls, per operation, for a first invocation and for a second one that finds everything in
/// place; and Test-IrsaTrust's core accepts the result.
/// </summary>
public sealed class EksctlReplaySandboxTests
{
    private const string Policy = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

    [Fact]
    public async Task CreateIamServiceAccounts_MakesEksctlsCallsAndEveryTrustAdmitsItsServiceAccount()
    {
        using var sandbox = await BenchSandbox.StartAsync("""{"namespaces":["bench"]}""");
        var counter = new AwsCallCounter();
        var kubeCounter = new KubeRequestCounter();
        using var aws = sandbox.ConnectAws(counter);
        using var cloudFormation = new CloudFormationClient(aws);
        using var kube = new KubeReplayClient(sandbox.KubeConfig, kubeCounter);
        var replay = new EksctlReplay(aws, cloudFormation, kube, WaiterTiming.NoDelays(), sandbox.ClusterName);
        var serviceAccounts = new List<EksctlServiceAccount>
        {
            new("bench", "app-0", [Policy], "bench-app-0"),
            new("bench", "app-1", [Policy], "bench-app-1"),
        };

        await replay.AssociateOidcProviderAsync();
        var first = await replay.CreateIamServiceAccountsAsync(serviceAccounts);

        Assert.Equal(0, first.Skipped);
        Assert.Equal(
            [$"arn:aws:iam::{sandbox.AccountId}:role/bench-app-0", $"arn:aws:iam::{sandbox.AccountId}:role/bench-app-1"],
            first.Created.Select(c => c.RoleArn).Order().ToArray());
        Assert.All(first.Created, c => Assert.Equal(1, c.Wait.Polls));
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["STS GetCallerIdentity"] = 2,
                ["EKS DescribeCluster"] = 2,
                ["IAM GetOpenIDConnectProvider"] = 2,
                ["IAM CreateOpenIDConnectProvider"] = 1,
                ["CloudFormation ListStacks"] = 1,
                ["CloudFormation CreateStack"] = 2,
                ["CloudFormation DescribeStacks"] = 4,
            },
            counter.CallsByOperation());
        Assert.Equal(6, kubeCounter.Count("GET", "/api/v1/namespaces/bench") + kubeCounter.Count("GET", "/api/v1/namespaces/bench/serviceaccounts/app-0") + kubeCounter.Count("GET", "/api/v1/namespaces/bench/serviceaccounts/app-1"));
        Assert.Equal(2, kubeCounter.Count("POST", "/api/v1/namespaces/bench/serviceaccounts"));
        Assert.Equal(8, kubeCounter.Total);

        using (var client = sandbox.ConnectKubernetes())
        {
            var created = await client.GetServiceAccountAsync("bench", "app-1");
            Assert.Equal($"arn:aws:iam::{sandbox.AccountId}:role/bench-app-1", created.Annotations[EksctlReplay.RoleArnAnnotation]);
            Assert.Equal("eksctl", created.Labels[EksctlReplay.ManagedByLabel]);
        }

        Assert.Equal(2, await SideBySideScenario.VerifyAsync(sandbox));

        // A second invocation: both stacks are found (one DescribeStacks each), both service accounts exist, nothing is created.
        counter.Reset();
        kubeCounter.Reset();
        var second = await replay.CreateIamServiceAccountsAsync(serviceAccounts);

        Assert.Equal(2, second.Skipped);
        Assert.Empty(second.Created);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["STS GetCallerIdentity"] = 1,
                ["EKS DescribeCluster"] = 1,
                ["IAM GetOpenIDConnectProvider"] = 1,
                ["CloudFormation ListStacks"] = 1,
                ["CloudFormation DescribeStacks"] = 2,
            },
            counter.CallsByOperation());
        Assert.Equal(2, kubeCounter.Total);
        Assert.Equal(["bench/app-0", "bench/app-1"], (await replay.ListIamServiceAccountStacksAsync()).Order().ToArray());
    }
}
