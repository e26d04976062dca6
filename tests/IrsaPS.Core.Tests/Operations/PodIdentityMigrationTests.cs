using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.PodIdentity;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Eks;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>
/// Start-, Complete- and Undo-IrsaPodIdentityMigration's core: each stage converges when re-run, can be undone, shows its
/// whole plan under -WhatIf and writes nothing then, and leaves unrelated trust statements, annotations and
/// associations as they were.
/// </summary>
public sealed class PodIdentityMigrationTests : IClassFixture<PodIdentityWorld>
{
    private const string Unrelated = """{"Sid":"Ci","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}""";
    private const string Keep = "keep.example.com/owner";
    private readonly PodIdentityWorld _world;

    public PodIdentityMigrationTests(PodIdentityWorld world) => _world = world;

    private sealed record Workload(string Ns, string RoleName, string RoleArn, string OtherAssociation);

    /// <summary>An IRSA workload (annotated, running) and, beside it, another service account with its own association.</summary>
    private async Task<Workload> ArrangeAsync(string prefix, int pods = 1)
    {
        var ns = Names.Unique(prefix);
        var roleName = Names.Unique(prefix);
        var roleArn = await _world.CreateRoleAsync(roleName, _world.IrsaTrust(ns, "app", Unrelated));
        _world.AddWorkload(ns, "app", new Dictionary<string, string>
        {
            ["eks.amazonaws.com/role-arn"] = roleArn,
            ["eks.amazonaws.com/token-expiration"] = "3600",
            [Keep] = "team-web",
        }, pods);
        var other = PodIdentityEmulator.NewRecord(_world.Associations, PodIdentityWorld.Region, _world.ClusterArn, ns, "other", $"arn:aws:iam::{PodIdentityWorld.AccountId}:role/other");
        _world.Associations.TryAdd(other, null, out _, out _);
        return new Workload(ns, roleName, roleArn, other.AssociationId);
    }

    private static PodIdentityMigrationRequest Request(Workload w) => new() { ClusterName = PodIdentityWorld.ClusterName, Namespace = w.Ns, ServiceAccountName = "app" };

    private async Task<IrsaPodIdentityMigration> RunAsync(Func<IrsaPS.Core.Operations.IrsaSession, Task<IrsaPodIdentityMigration>> stage, RecordingHost? host = null)
    {
        using var session = _world.Session(host ?? new RecordingHost());
        return await stage(session);
    }

    private async Task AssertUnrelatedSurviveAsync(Workload w)
    {
        var trust = await _world.TrustOfAsync(w.RoleName);
        Assert.Contains(Unrelated, trust, StringComparison.Ordinal);
        Assert.Equal("team-web", _world.Kube.Store.GetServiceAccount(w.Ns, "app").Meta.Annotations[Keep]);
        Assert.NotNull(_world.Associations.Get(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, w.OtherAssociation));
    }

    private static string[] Statements(string trust) =>
        PolicyDocument.Parse(trust).Statements.Select(statement =>
        {
            var single = new PolicyDocument();
            single.Statements.Add(statement);
            return single.ToJson();
        }).OrderBy(s => s, StringComparer.Ordinal).ToArray();

    private static int PodIdentityStatements(string trust) => PolicyDocument.Parse(trust).Statements.Count(PodIdentityTrustPolicy.IsIrsaPSStatement);

    [Fact]
    public async Task StartCompleteUndoStart_Converges_WithoutErrorOrDuplicate_AndUnrelatedThingsSurvive()
    {
        var w = await ArrangeAsync("cycle");
        var irsaTrust = await _world.TrustOfAsync(w.RoleName);

        var started = await RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w), default));
        var account = _world.Kube.Store.GetServiceAccount(w.Ns, "app");
        Assert.Equal("Started", started.Stage);
        Assert.False(account.Meta.Annotations.ContainsKey("eks.amazonaws.com/role-arn"));
        Assert.True(account.Meta.Annotations.ContainsKey(PodIdentityMigrationRecord.AnnotationKey));
        Assert.Equal(w.RoleArn, _world.Associations.FindFor(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, w.Ns, "app")!.RoleArn);
        Assert.Single(started.PodsToRestart); // the running pod still has web identity until it restarts
        var startedTrust = await _world.TrustOfAsync(w.RoleName);
        Assert.Contains(irsaTrust.Substring(0, irsaTrust.Length - 2), startedTrust, StringComparison.Ordinal); // OIDC statements kept
        Assert.Equal(1, PodIdentityStatements(startedTrust));
        await AssertUnrelatedSurviveAsync(w);

        var blocked = await Assert.ThrowsAsync<IrsaException>(() => RunAsync(s => IrsaPodIdentityMigrations.CompleteAsync(s, Request(w), default)));
        Assert.Equal(ErrorIds.PodIdentityPodsStillUseWebIdentity, blocked.ErrorId);
        Assert.Equal(startedTrust, await _world.TrustOfAsync(w.RoleName));

        _world.Restart(w.Ns, "app");
        var completed = await RunAsync(s => IrsaPodIdentityMigrations.CompleteAsync(s, Request(w), default));
        var completedTrust = await _world.TrustOfAsync(w.RoleName);
        Assert.Equal("Completed", completed.Stage);
        Assert.Empty(completed.PodsToRestart);
        Assert.DoesNotContain(":sub", completedTrust, StringComparison.Ordinal);
        Assert.Equal(1, PodIdentityStatements(completedTrust));
        await AssertUnrelatedSurviveAsync(w);

        var undone = await RunAsync(s => IrsaPodIdentityMigrations.UndoAsync(s, Request(w), default));
        account = _world.Kube.Store.GetServiceAccount(w.Ns, "app");
        Assert.Equal("NotStarted", undone.Stage);
        Assert.Equal(w.RoleArn, account.Meta.Annotations["eks.amazonaws.com/role-arn"]);
        Assert.Equal("3600", account.Meta.Annotations["eks.amazonaws.com/token-expiration"]);
        Assert.False(account.Meta.Annotations.ContainsKey(PodIdentityMigrationRecord.AnnotationKey));
        Assert.Null(_world.Associations.FindFor(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, w.Ns, "app"));
        Assert.Equal(Statements(irsaTrust), Statements(await _world.TrustOfAsync(w.RoleName))); // the same statements as before the migration
        Assert.Single(undone.PodsToRestart); // the restarted pod has Pod Identity's environment
        await AssertUnrelatedSurviveAsync(w);

        var again = await RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w), default));
        Assert.Equal("Started", again.Stage);
        Assert.Equal(1, PodIdentityStatements(await _world.TrustOfAsync(w.RoleName)));
        Assert.Single(_world.Associations.ListVisible(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, w.Ns, "app"));
        await AssertUnrelatedSurviveAsync(w);
    }

    [Fact]
    public async Task ARoleThatTrustsOnlyThisServiceAccount_GoesThereAndBack()
    {
        var ns = Names.Unique("solo");
        var roleName = Names.Unique("solo");
        var roleArn = await _world.CreateRoleAsync(roleName, _world.IrsaTrust(ns, "app"));
        _world.AddWorkload(ns, "app", new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = roleArn }, pods: 0);
        var before = await _world.TrustOfAsync(roleName);
        var w = new Workload(ns, roleName, roleArn, string.Empty);

        await RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w), default));
        await RunAsync(s => IrsaPodIdentityMigrations.CompleteAsync(s, Request(w), default));
        var podIdentityOnly = PolicyDocument.Parse(await _world.TrustOfAsync(roleName));
        await RunAsync(s => IrsaPodIdentityMigrations.UndoAsync(s, Request(w), default));

        Assert.True(PodIdentityTrustPolicy.IsIrsaPSStatement(Assert.Single(podIdentityOnly.Statements)));
        Assert.Equal(Statements(before), Statements(await _world.TrustOfAsync(roleName)));
    }

    [Fact]
    public async Task EveryStage_ReRun_WritesNothing()
    {
        var w = await ArrangeAsync("rerun", pods: 0);
        await RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w), default));
        _world.Proxy.ResetCounters();

        var start = await RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w), default));
        await RunAsync(s => IrsaPodIdentityMigrations.CompleteAsync(s, Request(w), default));
        var writesAfterComplete = _world.Proxy.Received("UpdateAssumeRolePolicy");
        var complete = await RunAsync(s => IrsaPodIdentityMigrations.CompleteAsync(s, Request(w), default));
        await RunAsync(s => IrsaPodIdentityMigrations.UndoAsync(s, Request(w), default));
        var host = new RecordingHost();
        var undo = await RunAsync(s => IrsaPodIdentityMigrations.UndoAsync(s, Request(w), default), host);

        Assert.Empty(start.Changes);
        Assert.Empty(complete.Changes);
        Assert.Equal(1, writesAfterComplete);
        Assert.Empty(undo.Changes);
        Assert.Contains(host.Warnings, m => m.Contains("nothing to undo", StringComparison.Ordinal));
        Assert.Equal(0, _world.Proxy.Received("CreatePodIdentityAssociation"));
    }

    [Fact]
    public async Task UnderWhatIf_EachStageShowsItsWholePlan_AndWritesNothing()
    {
        var w = await ArrangeAsync("whatif");
        var trust = await _world.TrustOfAsync(w.RoleName);
        var annotations = _world.Kube.Store.GetServiceAccount(w.Ns, "app").Meta.Annotations;

        var host = RecordingHost.WhatIf();
        var preview = await RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w), default), host);

        Assert.Equal("NotStarted", preview.Stage);
        Assert.Equal(3, host.Asked.Count); // trust, association, annotations
        Assert.All(preview.Changes, c => Assert.False(c.Applied));
        Assert.Contains(host.Asked, q => q.Detail!.Contains("Trust policy after:", StringComparison.Ordinal));
        Assert.Contains(host.Asked, q => q.Detail!.Contains("- eks.amazonaws.com/role-arn", StringComparison.Ordinal));
        Assert.Equal(trust, await _world.TrustOfAsync(w.RoleName));
        Assert.Equal(annotations, _world.Kube.Store.GetServiceAccount(w.Ns, "app").Meta.Annotations);
        Assert.Null(_world.Associations.FindFor(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, w.Ns, "app"));

        await RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w), default));
        _world.Restart(w.Ns, "app");
        var started = await _world.TrustOfAsync(w.RoleName);
        var completeHost = RecordingHost.WhatIf();
        await RunAsync(s => IrsaPodIdentityMigrations.CompleteAsync(s, Request(w), default), completeHost);
        var undoHost = RecordingHost.WhatIf();
        await RunAsync(s => IrsaPodIdentityMigrations.UndoAsync(s, Request(w), default), undoHost);

        Assert.Equal(2, completeHost.Asked.Count);
        Assert.Equal(3, undoHost.Asked.Count); // annotations, association, trust statement
        Assert.Equal(started, await _world.TrustOfAsync(w.RoleName));
        Assert.NotNull(_world.Associations.FindFor(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, w.Ns, "app"));
    }

    [Fact]
    public async Task ANoToAnyStep_AppliesNoneOfThem()
    {
        var w = await ArrangeAsync("decline");
        var trust = await _world.TrustOfAsync(w.RoleName);
        var host = new RecordingHost { Answer = (_, action, _) => !action.StartsWith("Associate", StringComparison.Ordinal) };

        var result = await RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w), default), host);

        Assert.Equal("NotStarted", result.Stage);
        Assert.Equal(trust, await _world.TrustOfAsync(w.RoleName));
        Assert.True(_world.Kube.Store.GetServiceAccount(w.Ns, "app").Meta.Annotations.ContainsKey("eks.amazonaws.com/role-arn"));
    }

    [Fact]
    public async Task AddonServiceAccounts_AreSkipped()
    {
        var w = await ArrangeAsync("addon");
        var owned = PodIdentityEmulator.NewRecord(_world.Associations, PodIdentityWorld.Region, _world.ClusterArn, w.Ns, "ebs", w.RoleArn, $"arn:aws:eks:us-east-1:{PodIdentityWorld.AccountId}:addon/demo/aws-ebs-csi-driver/1");
        _world.Associations.TryAdd(owned, null, out _, out _);
        _world.Kube.Store.CreateServiceAccount(w.Ns, "ebs", new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = w.RoleArn });
        _world.Kube.Store.CreateServiceAccount(w.Ns, "cni", new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = w.RoleArn }, new Dictionary<string, string> { ["eks.amazonaws.com/component"] = "aws-node" });
        var trust = await _world.TrustOfAsync(w.RoleName);

        var ebs = await RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w) with { ServiceAccountName = "ebs" }, default));
        var cni = await RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w) with { ServiceAccountName = "cni" }, default));

        Assert.Equal(("Skipped", "Skipped"), (ebs.Stage, cni.Stage));
        Assert.Empty(ebs.Changes);
        Assert.Equal(trust, await _world.TrustOfAsync(w.RoleName));
        Assert.Equal(w.RoleArn, _world.Kube.Store.GetServiceAccount(w.Ns, "cni").Meta.Annotations["eks.amazonaws.com/role-arn"]);
    }

    [Fact]
    public async Task Refusals_NothingToMigrate_NotStarted_RoleMismatch()
    {
        var w = await ArrangeAsync("refuse");
        _world.Kube.Store.CreateServiceAccount(w.Ns, "plain");

        var nothing = await Assert.ThrowsAsync<IrsaException>(() => RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w) with { ServiceAccountName = "plain" }, default)));
        var notStarted = await Assert.ThrowsAsync<IrsaException>(() => RunAsync(s => IrsaPodIdentityMigrations.CompleteAsync(s, Request(w), default)));
        var mismatch = await Assert.ThrowsAsync<IrsaException>(() => RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w) with { RoleArn = "arn:aws:iam::123456789012:role/else" }, default)));
        var missing = await Assert.ThrowsAsync<IrsaException>(() => RunAsync(s => IrsaPodIdentityMigrations.StartAsync(s, Request(w) with { ServiceAccountName = "nobody" }, default)));

        Assert.Equal(ErrorIds.PodIdentityNothingToMigrate, nothing.ErrorId);
        Assert.Equal(ErrorIds.PodIdentityMigrationNotStarted, notStarted.ErrorId);
        Assert.Equal(ErrorIds.PodIdentityRoleMismatch, mismatch.ErrorId);
        Assert.Equal(ErrorIds.ServiceAccountNotFound, missing.ErrorId);
    }

    [Fact]
    public async Task WorkloadIdentity_ShowsTheShadowingAnnotation_ThePodsCredentials_AndWhatToRestart()
    {
        var w = await ArrangeAsync("view");
        var record = PodIdentityEmulator.NewRecord(_world.Associations, PodIdentityWorld.Region, _world.ClusterArn, w.Ns, "app", w.RoleArn);
        _world.Associations.TryAdd(record, null, out _, out _);
        _world.CreatePod(w.Ns, "app");
        _world.Kube.Store.CreateServiceAccount(w.Ns, "other");

        using var session = _world.Session(new RecordingHost());
        var all = await IrsaWorkloadIdentities.GetAsync(session, PodIdentityWorld.ClusterName, w.Ns, null, false, false, default);
        var app = all.Single(i => i.ServiceAccountName == "app");
        var other = all.Single(i => i.ServiceAccountName == "other");

        Assert.Equal(IrsaCredentialSource.Irsa, app.NewPods);
        Assert.True(app.AnnotationShadowsAssociation);
        Assert.Contains("shadows", app.NewPodsReason, StringComparison.Ordinal);
        Assert.Equal(2, app.Pods.Count);
        Assert.Single(app.Pods, p => p.HasBoth);
        Assert.All(app.Pods, p => Assert.Equal(IrsaCredentialSource.Irsa, p.Credentials));
        Assert.Empty(app.PodsToRestart);
        Assert.True(app.CanUsePodIdentity);
        Assert.Equal(IrsaCredentialSource.PodIdentity, other.NewPods);
        Assert.Equal(record.AssociationId, app.AssociationId);
    }
}
