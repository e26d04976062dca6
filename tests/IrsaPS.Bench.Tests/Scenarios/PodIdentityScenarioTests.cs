using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Bench.Scenarios;
using Xunit;

namespace IrsaPS.Bench.Tests.Scenarios;

/// <summary>
/// The Pod Identity scenarios at a small size, each on a sandbox of its own (tools/sandbox, stopped by PID): the call
/// counts the performance document reports, asserted from the wire.
/// </summary>
public sealed class PodIdentityScenarioTests
{
    [Fact]
    public async Task Inventory_OfTwoThousandServiceAccountsAnd200Associations_ListsTwicePerRun_DescribesEachOnce_AtMostEightAtATime()
    {
        var runs = await PodIdentityInventoryScenario.MeasureAsync(serviceAccounts: 2_000, associations: 200, pods: 1_000, _ => { });

        Assert.Equal(3, runs.Count);
        Assert.All(runs, run =>
        {
            Assert.Equal(2, run.List);
            Assert.Equal(200, run.Describe);
            Assert.InRange(run.MaxInFlight, 2, 8);
            Assert.All(run.Other.Values, n => Assert.Equal(1, n));
        });
        foreach (var run in runs.Take(2))
        {
            // 2,000 + 11 default service accounts (one per namespace, kube-system's too) and 1,000 + 8 agent pods, 500 per page.
            Assert.Equal(2_011, run.Count);
            Assert.Equal(5, run.KubeByPath["GET /api/v1/serviceaccounts"]);
            Assert.Equal(3, run.KubeByPath["GET /api/v1/pods"]);
            Assert.Equal(["DescribeCluster", "GetCallerIdentity", "GetOpenIDConnectProvider"], run.Other.Keys.Order(StringComparer.Ordinal).ToArray());
        }

        Assert.Empty(runs[2].Other);
        Assert.Equal(0, runs[2].Kube);
    }

    [Fact]
    public async Task Migration_IrsaPsSide_OfTwoServiceAccounts_MakesTheSamePerServiceAccountCallsEveryTime()
    {
        var side = await PodIdentityMigrationScenario.RunIrsaPsAsync(2);

        Assert.Equal(2, side.Verified);
        Assert.Equal(2, side.Aws["CreatePodIdentityAssociation"]);
        Assert.Equal(4, side.Aws["UpdateAssumeRolePolicy"]);
        Assert.Equal(2, side.Aws["DescribePodIdentityAssociation"]);
        Assert.Equal(4, side.Aws["ListPodIdentityAssociations"]);
        Assert.Equal(12, side.Aws["GetRole"]);
        Assert.All(new[] { "DescribeCluster", "GetCallerIdentity", "GetOpenIDConnectProvider" }, a => Assert.InRange(side.Aws.GetValueOrDefault(a), 0, 1));
    }

    [Fact]
    public async Task Migration_ScriptSide_OfOneServiceAccount_RunsTheDocumentedStepsAndVerifies()
    {
        var side = await PodIdentityMigrationScenario.RunCliAsync(1);

        Assert.Equal(1, side.Verified);
        Assert.Equal(6, side.ProcessesByTool["aws"]);
        Assert.Equal(4, side.ProcessesByTool["kubectl"]);
        Assert.Equal(3, side.ProcessesByTool["jq"]);
        Assert.Equal(1, side.Aws["DescribeCluster"]);
        Assert.Equal(2, side.Aws["GetRole"]);
        Assert.Equal(2, side.Aws["UpdateAssumeRolePolicy"]);
        Assert.Equal(1, side.Aws["CreatePodIdentityAssociation"]);
        Assert.Equal(6, side.Aws.Values.Sum());
    }
}
