using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Emulators.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

public class ServiceAccountOperationsTests : IClassFixture<IrsaWorld>
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/app";
    private readonly IrsaWorld _world;

    public ServiceAccountOperationsTests(IrsaWorld world) => _world = world;

    private static SetServiceAccountRequest Set(string ns, string name, string roleArn = RoleArn) =>
        new() { ClusterName = IrsaWorld.ClusterName, Namespace = ns, Name = name, RoleArn = roleArn };

    [Fact]
    public async Task AMissingServiceAccountIsCreatedAnnotatedAndAReRunChangesNothing()
    {
        _world.Kube.Store.EnsureNamespace("create");
        var host = new RecordingHost();
        using var session = _world.Session(host);

        var created = await IrsaServiceAccounts.SetAsync(session, Set("create", "app") with { StsRegionalEndpoints = true }, default);

        Assert.True(created!.Created);
        Assert.Equal(RoleArn, created.RoleArn);
        Assert.Equal("app", created.RoleName);
        Assert.Equal("true", created.StsRegionalEndpoints);
        Assert.Equal(("demo", "create", "app"), (created.ClusterName, created.Namespace, created.ServiceAccountName));
        var stored = _world.Kube.Store.GetServiceAccount("create", "app");
        Assert.Equal(RoleArn, stored.Meta.Annotations[IrsaAnnotationKeys.RoleArn]);
        Assert.Equal("create/app", Assert.Single(host.Asked).Target);

        var again = new RecordingHost();
        using var rerun = _world.Session(again);
        var unchanged = await IrsaServiceAccounts.SetAsync(rerun, Set("create", "app"), default);
        Assert.Empty(unchanged!.Changes);
        Assert.Empty(again.Asked);
    }

    [Fact]
    public async Task AnnotatingAnExistingAccountKeepsEveryOtherAnnotation()
    {
        _world.Kube.Store.EnsureNamespace("keep");
        _world.Kube.Store.CreateServiceAccount("keep", "app", new Dictionary<string, string>
        {
            ["owner"] = "team-web",
            ["meta.helm.sh/release-name"] = "app",
        });
        using var session = _world.Session(new RecordingHost());

        await IrsaServiceAccounts.SetAsync(session, Set("keep", "app"), default);
        await IrsaServiceAccounts.RemoveAsync(session, IrsaWorld.ClusterName, "keep", "app", deleteServiceAccount: false, default);
        await IrsaServiceAccounts.SetAsync(session, Set("keep", "app") with { Audience = "sts.amazonaws.com", TokenExpiration = 3600 }, default);

        var annotations = _world.Kube.Store.GetServiceAccount("keep", "app").Meta.Annotations;
        Assert.Equal("team-web", annotations["owner"]);
        Assert.Equal("app", annotations["meta.helm.sh/release-name"]);
        Assert.Equal(RoleArn, annotations[IrsaAnnotationKeys.RoleArn]);
        Assert.Equal("3600", annotations[IrsaAnnotationKeys.TokenExpiration]);
    }

    [Fact]
    public async Task PodsCreatedBeforeTheAnnotationAreListedForRestart()
    {
        _world.Kube.Store.EnsureNamespace("restart");
        _world.Kube.Store.CreateServiceAccount("restart", "app");
        _world.Kube.Store.CreatePod(new KubeSeedPod("restart", "app-1", "app", "node-a", OwnerKind: "ReplicaSet", OwnerName: "app-7f").ToObject());
        _world.Kube.Store.CreatePod(new KubeSeedPod("restart", "other", "default", "node-a").ToObject());
        var host = new RecordingHost();
        using var session = _world.Session(host);

        var result = await IrsaServiceAccounts.SetAsync(session, Set("restart", "app"), default);

        Assert.Equal(["restart/app-1"], result!.PodsToRestart);
        Assert.Contains(host.Warnings, w => w.Contains("restart/app-1", StringComparison.Ordinal));

        // A pod created after the annotation gets AWS_ROLE_ARN from the webhook and needs no restart.
        _world.Kube.Store.DeletePod("restart", "app-1");
        _world.Kube.Store.CreatePod(new KubeSeedPod("restart", "app-2", "app", "node-a").ToObject());
        using var later = _world.Session(new RecordingHost());
        var fresh = await IrsaServiceAccounts.SetAsync(later, Set("restart", "app"), default);
        Assert.Empty(fresh!.PodsToRestart);
    }

    [Fact]
    public async Task PointingAnAccountAtAnotherRoleIsHighImpact()
    {
        _world.Kube.Store.EnsureNamespace("repoint");
        using var session = _world.Session(new RecordingHost());
        await IrsaServiceAccounts.SetAsync(session, Set("repoint", "app"), default);

        var host = new RecordingHost();
        using var second = _world.Session(host);
        await IrsaServiceAccounts.SetAsync(second, Set("repoint", "app", "arn:aws:iam::123456789012:role/other"), default);

        var question = Assert.Single(host.Asked);
        Assert.True(question.HighImpact);
        Assert.Contains("role/app", question.Detail, StringComparison.Ordinal);
        Assert.Contains("role/other", question.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIfOnAMissingAccountCreatesNothingAndReturnsNothing()
    {
        _world.Kube.Store.EnsureNamespace("whatif");
        using var session = _world.Session(RecordingHost.WhatIf());
        Assert.Null(await IrsaServiceAccounts.SetAsync(session, Set("whatif", "ghost"), default));
        Assert.Null(_world.Kube.Store.FindServiceAccount("whatif", "ghost"));
    }

    [Theory]
    [InlineData("Web", "app", RoleArn, ErrorIds.InvalidNamespace)]
    [InlineData("web", "App_1", RoleArn, ErrorIds.InvalidServiceAccountName)]
    [InlineData("web", "app", "arn:aws:iam::123456789012:user/app", ErrorIds.InvalidArn)]
    [InlineData("web", "app", "arn:aws:iam::123:role/app", ErrorIds.InvalidArn)]
    public async Task BadInputIsRefusedBeforeTheClusterIsTouched(string ns, string name, string roleArn, string errorId)
    {
        _world.Kube.ClearRequests();
        using var session = _world.Session(new RecordingHost());
        var ex = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaServiceAccounts.SetAsync(session, Set(ns, name, roleArn), default));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Empty(_world.Kube.Requests);
    }

    [Fact]
    public async Task ATokenExpirationOutsideTheWebhooksRangeIsRefused()
    {
        using var session = _world.Session(new RecordingHost());
        var ex = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaServiceAccounts.SetAsync(session, Set("web", "app") with { TokenExpiration = 60 }, default));
        Assert.Equal(ErrorIds.InvalidTokenExpiration, ex.ErrorId);
    }

    [Fact]
    public async Task GetListsAnnotatedAccountsAndRemoveCanDelete()
    {
        _world.Kube.Store.EnsureNamespace("list");
        _world.Kube.Store.CreateServiceAccount("list", "plain");
        using var session = _world.Session(new RecordingHost());
        await IrsaServiceAccounts.SetAsync(session, Set("list", "app"), default);
        await IrsaServiceAccounts.SetAsync(session, Set("list", "api"), default);

        var annotated = await IrsaServiceAccounts.GetAsync(session, IrsaWorld.ClusterName, "list", null, includeUnannotated: false, default);
        Assert.Equal(["api", "app"], annotated.Select(a => a.ServiceAccountName));
        var matching = await IrsaServiceAccounts.GetAsync(session, IrsaWorld.ClusterName, "list", "a?p", includeUnannotated: false, default);
        Assert.Equal(["app"], matching.Select(a => a.ServiceAccountName));
        var everything = await IrsaServiceAccounts.GetAsync(session, IrsaWorld.ClusterName, "list", null, includeUnannotated: true, default);
        Assert.Equal(["api", "app", "default", "plain"], everything.Select(a => a.ServiceAccountName)); // every namespace has its "default" account

        var deleted = await IrsaServiceAccounts.RemoveAsync(session, IrsaWorld.ClusterName, "list", "api", deleteServiceAccount: true, default);
        Assert.Null(deleted);
        Assert.Null(_world.Kube.Store.FindServiceAccount("list", "api"));
        var missing = await Assert.ThrowsAsync<IrsaException>(() => IrsaServiceAccounts.RemoveAsync(session, IrsaWorld.ClusterName, "list", "api", false, default));
        Assert.Equal(ErrorIds.ServiceAccountNotFound, missing.ErrorId);
    }

    [Fact]
    public async Task TheAdminTokenNeverReachesTheHost()
    {
        _world.Kube.Store.EnsureNamespace("secret");
        var host = new RecordingHost();
        using var session = _world.Session(host);
        await IrsaServiceAccounts.SetAsync(session, Set("secret", "app"), default);
        Assert.NotEmpty(host.Verbose);
        Assert.DoesNotContain(IrsaWorld.AdminToken, host.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Emulators.Moto.MotoServer.SecretKey, host.AllText, StringComparison.Ordinal);
    }
}
