using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.PodIdentity;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Eks;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>New-, Set-, Remove- and Get-IrsaPodIdentityAssociation's core against moto behind the emulator layer.</summary>
public sealed class PodIdentityAssociationOperationsTests : IClassFixture<PodIdentityWorld>
{
    private const string Unrelated = """{"Sid":"Ci","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}""";
    private readonly PodIdentityWorld _world;

    public PodIdentityAssociationOperationsTests(PodIdentityWorld world) => _world = world;

    private async Task<(string Ns, string Role, string RoleArn)> ArrangeAsync(string prefix)
    {
        var ns = Names.Unique(prefix);
        var role = Names.Unique(prefix);
        var arn = await _world.CreateRoleAsync(role, _world.IrsaTrust(ns, "app", Unrelated));
        return (ns, role, arn);
    }

    private static NewPodIdentityAssociationRequest New(string ns, string roleArn) =>
        new() { ClusterName = PodIdentityWorld.ClusterName, Namespace = ns, ServiceAccountName = "app", RoleArn = roleArn };

    [Fact]
    public async Task New_AddsTheTrustAndTheAssociation_AndASecondRunWritesNothing()
    {
        var (ns, role, arn) = await ArrangeAsync("new");
        var before = await _world.TrustOfAsync(role);
        var host = new RecordingHost();
        _world.Proxy.ResetCounters();

        IrsaPS.Core.Models.IrsaPodIdentityAssociation? first;
        using (var session = _world.Session(host))
        {
            first = await IrsaPodIdentityAssociations.NewAsync(session, New(ns, arn), default);
        }

        IrsaPS.Core.Models.IrsaPodIdentityAssociation? second;
        using (var session = _world.Session(new RecordingHost()))
        {
            second = await IrsaPodIdentityAssociations.NewAsync(session, New(ns, arn), default);
        }

        Assert.NotNull(first);
        Assert.True(first!.Created);
        Assert.True(first.RoleTrustsPodIdentity);
        Assert.Equal(first.AssociationId, second!.AssociationId);
        Assert.False(second.Created);
        Assert.Empty(second.Changes);
        Assert.Equal(1, _world.Proxy.Received("CreatePodIdentityAssociation"));
        Assert.Equal(1, _world.Proxy.Received("UpdateAssumeRolePolicy"));
        var trust = PolicyDocument.Parse(await _world.TrustOfAsync(role));
        Assert.Equal(3, trust.Statements.Count);
        Assert.StartsWith(before.Substring(0, before.Length - 2), trust.ToJson(), StringComparison.Ordinal); // IRSA and Ci statements unchanged, in place
        var trustChange = host.Asked.Single(q => q.Action.Contains("pods.eks.amazonaws.com", StringComparison.Ordinal));
        Assert.True(trustChange.HighImpact);
        Assert.Contains("Trust policy before:", trustChange.Detail, StringComparison.Ordinal);
        Assert.Contains("Trust policy after:", trustChange.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_UnderWhatIf_ShowsBothStepsAndWritesNothing()
    {
        var (ns, role, arn) = await ArrangeAsync("whatif");
        var before = await _world.TrustOfAsync(role);
        var host = RecordingHost.WhatIf();

        using var session = _world.Session(host);
        var result = await IrsaPodIdentityAssociations.NewAsync(session, New(ns, arn), default);

        Assert.Null(result);
        Assert.Equal(before, await _world.TrustOfAsync(role));
        Assert.Null(_world.Associations.FindFor(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, ns, "app"));
        Assert.Equal(["UpdateAssumeRolePolicy", "CreatePodIdentityAssociation"], host.Asked.Select(q => q.Action.Contains("pods.eks", StringComparison.Ordinal) ? "UpdateAssumeRolePolicy" : "CreatePodIdentityAssociation").ToArray());
    }

    [Fact]
    public async Task New_WithAnotherRole_IsAConflict_UnlessReplace()
    {
        var (ns, _, arn) = await ArrangeAsync("conflict");
        var other = await _world.CreateRoleAsync(Names.Unique("other"), _world.IrsaTrust(ns, "app"));
        using (var session = _world.Session(new RecordingHost()))
        {
            await IrsaPodIdentityAssociations.NewAsync(session, New(ns, arn), default);
        }

        using var again = _world.Session(new RecordingHost());
        var refused = await Assert.ThrowsAsync<IrsaException>(() => IrsaPodIdentityAssociations.NewAsync(again, New(ns, other), default));
        var replaced = await IrsaPodIdentityAssociations.NewAsync(again, New(ns, other) with { Replace = true }, default);

        Assert.Equal(ErrorIds.PodIdentityAssociationConflict, refused.ErrorId);
        Assert.Equal(other, replaced!.RoleArn);
        Assert.Equal(other, _world.Associations.FindFor(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, ns, "app")!.RoleArn);
    }

    [Fact]
    public async Task AddonOwnedAssociations_AreShown_NeverChanged()
    {
        var (ns, _, arn) = await ArrangeAsync("owned");
        var owner = $"arn:aws:eks:us-east-1:{PodIdentityWorld.AccountId}:addon/demo/aws-ebs-csi-driver/1";
        var record = PodIdentityEmulator.NewRecord(_world.Associations, PodIdentityWorld.Region, _world.ClusterArn, ns, "app", arn, owner);
        _world.Associations.TryAdd(record, null, out _, out _);
        using var session = _world.Session(new RecordingHost());

        var shown = Assert.Single(await IrsaPodIdentityAssociations.GetAsync(session, PodIdentityWorld.ClusterName, ns, null, null, default));
        var create = await Assert.ThrowsAsync<IrsaException>(() => IrsaPodIdentityAssociations.NewAsync(session, New(ns, arn), default));
        var set = await Assert.ThrowsAsync<IrsaException>(() => IrsaPodIdentityAssociations.SetAsync(session, new SetPodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, AssociationId = record.AssociationId, DisableSessionTags = true, TrustScope = PodIdentityTrustScope.Any }, default));
        var remove = await Assert.ThrowsAsync<IrsaException>(() => IrsaPodIdentityAssociations.RemoveAsync(session, PodIdentityWorld.ClusterName, null, ns, "app", default));

        Assert.True(shown.IsAddonOwned);
        Assert.Equal(owner, shown.OwnerArn);
        Assert.All([create, set, remove], e => Assert.Equal(ErrorIds.PodIdentityAssociationOwnedByAddon, e.ErrorId));
        Assert.NotNull(_world.Associations.Get(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, record.AssociationId));
    }

    [Fact]
    public async Task Set_ChangesOnlyWhatDiffers_AndTrustsTheNewRole_Remove_DeletesIt()
    {
        var (ns, _, arn) = await ArrangeAsync("set");
        var otherName = Names.Unique("next");
        var other = await _world.CreateRoleAsync(otherName, _world.IrsaTrust(ns, "app"));
        using var session = _world.Session(new RecordingHost());
        var created = await IrsaPodIdentityAssociations.NewAsync(session, New(ns, arn), default);

        var unchanged = await IrsaPodIdentityAssociations.SetAsync(session, new SetPodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, AssociationId = created!.AssociationId, RoleArn = arn }, default);
        var moved = await IrsaPodIdentityAssociations.SetAsync(session, new SetPodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, Namespace = ns, ServiceAccountName = "app", RoleArn = other }, default);
        var trust = PolicyDocument.Parse(await _world.TrustOfAsync(otherName));
        var removed = await IrsaPodIdentityAssociations.RemoveAsync(session, PodIdentityWorld.ClusterName, created.AssociationId, null, null, default);

        Assert.Empty(unchanged!.Changes);
        Assert.Equal(other, moved!.RoleArn);
        Assert.Contains(moved.Changes, c => c.Action == "UpdatePodIdentityAssociation" && c.HighImpact && c.Applied);
        Assert.True(PodIdentityTrustEvaluator.Evaluate(trust, new PodIdentityRequest(PodIdentityWorld.AccountId, _world.ClusterArn, ns, "app")).Allowed);
        Assert.True(removed.Deleted);
        Assert.Null(_world.Associations.FindFor(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, ns, "app"));
    }

    [Fact]
    public async Task Set_WithoutSessionTags_NeedsTheAnyScopeOnlyWhenItWouldAddAStatement()
    {
        var (ns, _, arn) = await ArrangeAsync("untag");
        using var session = _world.Session(new RecordingHost());
        var created = await IrsaPodIdentityAssociations.NewAsync(session, New(ns, arn), default);
        var byId = new SetPodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, AssociationId = created!.AssociationId };

        // The role trusts the service account by its session tags only: untagged sessions need a statement, and only Any fits.
        var refused = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaPodIdentityAssociations.SetAsync(session, byId with { DisableSessionTags = true }, default));
        var untagged = await IrsaPodIdentityAssociations.SetAsync(session, byId with { DisableSessionTags = true, TrustScope = PodIdentityTrustScope.Any, RequireSourceAccount = true }, default);
        // Now the Any statement admits the untagged sessions: setting the same role again writes nothing and needs no -TrustScope.
        var again = await IrsaPodIdentityAssociations.SetAsync(session, byId with { RoleArn = arn }, default);

        Assert.Equal(ErrorIds.InvalidParameterCombination, refused.ErrorId);
        Assert.True(untagged!.DisableSessionTags);
        Assert.True(untagged.RoleTrustsPodIdentity);
        Assert.Empty(again!.Changes);
        Assert.True(again.RoleTrustsPodIdentity);
    }

    [Fact]
    public async Task BadInput_IsRefusedBeforeAnyCall()
    {
        var counter = new AwsCallCounter();
        using var session = _world.Session(new RecordingHost(), counter);

        var badRole = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaPodIdentityAssociations.NewAsync(session, New("web", "arn:aws:iam::123456789012:user/bob"), default));
        var untagged = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaPodIdentityAssociations.NewAsync(session, New("web", "arn:aws:iam::123456789012:role/x") with { DisableSessionTags = true }, default));
        var nothing = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaPodIdentityAssociations.SetAsync(session, new SetPodIdentityAssociationRequest { ClusterName = "demo", AssociationId = "a-0123456789abcdefg" }, default));
        var badId = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaPodIdentityAssociations.RemoveAsync(session, "demo", "assoc-1", null, null, default));

        Assert.Equal(ErrorIds.InvalidArn, badRole.ErrorId);
        Assert.Equal(ErrorIds.InvalidParameterCombination, untagged.ErrorId);
        Assert.Equal(ErrorIds.InvalidParameterCombination, nothing.ErrorId);
        Assert.Equal(ErrorIds.InvalidAssociationId, badId.ErrorId);
        Assert.Equal(0, counter.TotalCalls);
    }

    [Fact]
    public async Task ARoleOfAnotherAccount_IsRefused_WithTheHintToUseTargetRoleArn()
    {
        using var session = _world.Session(new RecordingHost());

        var refused = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaPodIdentityAssociations.NewAsync(session, New("web", "arn:aws:iam::210987654321:role/x"), default));

        Assert.Equal(ErrorIds.PodIdentityRoleMismatch, refused.ErrorId);
        Assert.Contains("-TargetRoleArn", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DescribesEveryListedAssociation_ByPatternOrId()
    {
        var ns = Names.Unique("get");
        var ids = new List<string>();
        foreach (var name in new[] { "api", "app", "worker" })
        {
            var record = PodIdentityEmulator.NewRecord(_world.Associations, PodIdentityWorld.Region, _world.ClusterArn, ns, name, $"arn:aws:iam::{PodIdentityWorld.AccountId}:role/{name}");
            _world.Associations.TryAdd(record, null, out _, out _);
            ids.Add(record.AssociationId);
        }

        using var session = _world.Session(new RecordingHost());
        var all = await IrsaPodIdentityAssociations.GetAsync(session, PodIdentityWorld.ClusterName, ns, null, null, default);
        var pattern = await IrsaPodIdentityAssociations.GetAsync(session, PodIdentityWorld.ClusterName, ns, "a*", null, default);
        var byId = Assert.Single(await IrsaPodIdentityAssociations.GetAsync(session, PodIdentityWorld.ClusterName, null, null, ids[2], default));
        var missing = await Assert.ThrowsAsync<IrsaException>(() => IrsaPodIdentityAssociations.GetAsync(session, PodIdentityWorld.ClusterName, null, null, "a-zzzzzzzzzzzzzzzzz", default));

        Assert.Equal(["api", "app", "worker"], all.Select(a => a.ServiceAccountName).ToArray());
        Assert.All(all, a => Assert.Equal("role/" + a.ServiceAccountName, a.RoleArn!.Split(':')[5]));
        Assert.Equal(["api", "app"], pattern.Select(a => a.ServiceAccountName).ToArray());
        Assert.Equal("worker", byId.ServiceAccountName);
        Assert.Equal(ErrorIds.PodIdentityAssociationNotFound, missing.ErrorId);
    }
}
