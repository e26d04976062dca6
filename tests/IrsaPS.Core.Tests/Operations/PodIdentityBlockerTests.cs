using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>
/// Where Pod Identity cannot serve a service account, the migration refuses before writing anything and
/// Get-IrsaWorkloadIdentity says why: pods on Fargate or Windows nodes, nodes without the agent, no agent at all, a
/// cluster too old or on Outposts. Its own world: these tests take the agent away.
/// </summary>
public sealed class PodIdentityBlockerTests : IClassFixture<PodIdentityWorld>
{
    private const string FargateNode = "fargate-ip-10-0-3-30.ec2.internal";
    private const string WindowsNode = "ip-10-0-4-40.ec2.internal";
    private readonly PodIdentityWorld _world;

    public PodIdentityBlockerTests(PodIdentityWorld world)
    {
        _world = world;
        if (_world.Kube.Store.FindNode(FargateNode) is null)
        {
            _world.Kube.Store.CreateNode(FargateNode, "aws:///us-east-1c/fargate-ip-10-0-3-30.ec2.internal", new Dictionary<string, string> { ["eks.amazonaws.com/compute-type"] = "fargate", ["kubernetes.io/os"] = "linux" });
            _world.Kube.Store.CreateNode(WindowsNode, "aws:///us-east-1d/i-0bbbbbbbbbbbbbbb4", new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" });
        }
    }

    private async Task<(string Ns, string RoleName, string Trust)> WorkloadOnAsync(string prefix, string node)
    {
        var ns = Names.Unique(prefix);
        var role = Names.Unique(prefix);
        var arn = await _world.CreateRoleAsync(role, _world.IrsaTrust(ns, "app"));
        _world.AddWorkload(ns, "app", new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = arn }, pods: 1, node: node);
        return (ns, role, await _world.TrustOfAsync(role));
    }

    private async Task<IrsaException> StartRefusedAsync(string ns)
    {
        using var session = _world.Session(new RecordingHost());
        return await Assert.ThrowsAsync<IrsaException>(() => IrsaPodIdentityMigrations.StartAsync(
            session, new PodIdentityMigrationRequest { ClusterName = PodIdentityWorld.ClusterName, Namespace = ns, ServiceAccountName = "app" }, default));
    }

    private void AssertUntouched(string ns, string trust, string actualTrust)
    {
        Assert.Equal(trust, actualTrust);
        Assert.True(_world.Kube.Store.GetServiceAccount(ns, "app").Meta.Annotations.ContainsKey("eks.amazonaws.com/role-arn"));
        Assert.Null(_world.Associations.FindFor(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, ns, "app"));
    }

    [Fact]
    public async Task PodsOnFargateOrWindows_AreRefused_AndNothingIsWritten()
    {
        var fargate = await WorkloadOnAsync("fargate", FargateNode);
        var windows = await WorkloadOnAsync("windows", WindowsNode);

        var onFargate = await StartRefusedAsync(fargate.Ns);
        var onWindows = await StartRefusedAsync(windows.Ns);

        Assert.Equal(ErrorIds.PodIdentityUnsupportedNode, onFargate.ErrorId);
        Assert.Contains("Fargate", onFargate.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorIds.PodIdentityUnsupportedNode, onWindows.ErrorId);
        Assert.Contains("Windows", onWindows.Message, StringComparison.Ordinal);
        AssertUntouched(fargate.Ns, fargate.Trust, await _world.TrustOfAsync(fargate.RoleName));
        AssertUntouched(windows.Ns, windows.Trust, await _world.TrustOfAsync(windows.RoleName));
    }

    [Fact]
    public async Task WithoutTheAgent_TheMigrationStops_AndWorkloadIdentitySaysWhy()
    {
        var workload = await WorkloadOnAsync("noagent", "ip-10-0-1-10.ec2.internal");
        _world.Kube.Store.DeleteDaemonSet("kube-system", PodIdentitySupport.AgentName);
        try
        {
            var refused = await StartRefusedAsync(workload.Ns);
            using var session = _world.Session(new RecordingHost());
            var view = Assert.Single(await IrsaWorkloadIdentities.GetAsync(session, PodIdentityWorld.ClusterName, workload.Ns, "app", false, false, default));

            Assert.Equal(ErrorIds.PodIdentityAgentMissing, refused.ErrorId);
            Assert.Contains("Nothing was changed", refused.Message, StringComparison.Ordinal);
            AssertUntouched(workload.Ns, workload.Trust, await _world.TrustOfAsync(workload.RoleName));
            Assert.False(view.CanUsePodIdentity);
            Assert.Contains(view.PodIdentityBlockers, b => b.Contains("eks-pod-identity-agent", StringComparison.Ordinal));
        }
        finally
        {
            _world.Kube.Store.CreateDaemonSet("kube-system", PodIdentitySupport.AgentName, KubeSeedDaemonSet.PodIdentityAgent().PodLabels, KubeSeedDaemonSet.PodIdentityAgent().NodeSelector);
        }
    }

    [Fact]
    public async Task ANodeWithoutAnAgentPod_BlocksThePodsOnIt_AndWorkloadIdentityNamesTheNodeKind()
    {
        const string Bare = "ip-10-0-5-50.ec2.internal";
        if (_world.Kube.Store.FindNode(Bare) is null)
        {
            _world.Kube.Store.CreateNode(Bare, "aws:///us-east-1a/i-0ccccccccccccccc5", new Dictionary<string, string> { ["kubernetes.io/os"] = "bottlerocket" });
        }

        var workload = await WorkloadOnAsync("bare", Bare);
        var fargate = await WorkloadOnAsync("fgview", FargateNode);
        using var session = _world.Session(new RecordingHost());

        var refused = await StartRefusedAsync(workload.Ns);
        var view = Assert.Single(await IrsaWorkloadIdentities.GetAsync(session, PodIdentityWorld.ClusterName, fargate.Ns, "app", false, false, default));

        Assert.Equal(ErrorIds.PodIdentityUnsupportedNode, refused.ErrorId);
        Assert.Contains("no EKS Pod Identity Agent pod", refused.Message, StringComparison.Ordinal);
        Assert.Equal("fargate", Assert.Single(view.Pods).NodeKind);
        Assert.Equal(IrsaCredentialSource.Irsa, view.NewPods);
    }

    [Fact]
    public void ClustersTooOldOrOnOutposts_AreBlocked_ByTheUserGuidesTable()
    {
        static IrsaCluster Cluster(string version, string? platform, bool outposts = false) =>
            new() { ClusterName = "c", Version = version, PlatformVersion = platform, IsOutpostsLocalCluster = outposts };

        Assert.Null(PodIdentitySupport.ClusterBlocker(Cluster("1.31", "eks.1")));
        Assert.Null(PodIdentitySupport.ClusterBlocker(Cluster("1.28", "eks.4")));
        Assert.NotNull(PodIdentitySupport.ClusterBlocker(Cluster("1.28", "eks.3")));
        Assert.NotNull(PodIdentitySupport.ClusterBlocker(Cluster("1.27", "eks.7")));
        Assert.Null(PodIdentitySupport.ClusterBlocker(Cluster("1.26", "eks.9")));
        Assert.NotNull(PodIdentitySupport.ClusterBlocker(Cluster("1.25", "eks.12")));
        Assert.NotNull(PodIdentitySupport.ClusterBlocker(Cluster("1.31", "eks.1", outposts: true)));
    }

    [Fact]
    public void TheClusterState_CountsAutoModeNodesAsHavingTheAgent()
    {
        var auto = new KubeNode { Name = "auto-1", Labels = new Dictionary<string, string> { ["eks.amazonaws.com/compute-type"] = "auto" } };
        var state = new PodIdentityClusterState(null, null, [auto], []);
        var pod = new KubePod { Namespace = "web", Name = "p", NodeName = "auto-1", Phase = "Running" };

        Assert.False(state.AgentMissing);
        Assert.Empty(state.Blockers([pod]));
        Assert.True(new PodIdentityClusterState(null, null, [auto, new KubeNode { Name = "ec2-1" }], []).AgentMissing);
    }
}
