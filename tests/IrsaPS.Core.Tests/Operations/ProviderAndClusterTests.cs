using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

public class ProviderAndClusterTests : IClassFixture<IrsaWorld>
{
    private readonly IrsaWorld _world;

    public ProviderAndClusterTests(IrsaWorld world) => _world = world;

    [Fact]
    public async Task TheClusterResolvesToItsIssuerAccountAndProviderState()
    {
        var counter = new AwsCallCounter();
        using var session = _world.Session(new RecordingHost(), observer: counter);

        var cluster = await session.GetClusterAsync(IrsaWorld.ClusterName, default);
        var again = await session.GetClusterAsync(IrsaWorld.ClusterName, default);

        Assert.Same(cluster, again);
        Assert.Equal(_world.Issuer, cluster.Issuer);
        Assert.Equal(IrsaWorld.AccountId, cluster.AccountId);
        Assert.Equal("aws", cluster.Partition);
        Assert.Equal("us-east-1", cluster.Region);
        Assert.Equal(_world.ProviderArn, cluster.OidcProviderArn);
        Assert.Equal(1, counter.Calls("EKS", "DescribeCluster"));
        Assert.Equal(1, counter.Calls("STS", "GetCallerIdentity"));
        Assert.Equal(1, counter.Calls("IAM", "GetOpenIDConnectProvider"));
    }

    [Fact]
    public async Task AnUnknownClusterIsClusterNotFoundAndABadNameIsRefusedBeforeAnyCall()
    {
        var counter = new AwsCallCounter();
        using var session = _world.Session(new RecordingHost(), observer: counter);

        var missing = await Assert.ThrowsAsync<IrsaException>(() => session.GetClusterAsync("no-such-cluster", default));
        Assert.Equal(ErrorIds.ClusterNotFound, missing.ErrorId);
        Assert.Contains("us-east-1", missing.Message, StringComparison.Ordinal);

        counter.Reset();
        var bad = await Assert.ThrowsAsync<IrsaValidationException>(() => session.GetClusterAsync("bad name!", default));
        Assert.Equal(ErrorIds.InvalidClusterName, bad.ErrorId);
        Assert.Equal(0, counter.TotalCalls);
    }

    [Fact]
    public void OutpostsLocalClustersAreRefusedForIrsa()
    {
        var cluster = new IrsaCluster { ClusterName = "edge", IsOutpostsLocalCluster = true, Issuer = null };
        var ex = Assert.Throws<IrsaException>(() => ClusterResolver.RequireIrsaIssuer(cluster));
        Assert.Equal(ErrorIds.IrsaNotSupportedOnOutposts, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.NotSupported, ex.Kind);
    }

    [Fact]
    public async Task RegisteringIsIdempotentAndOnlyAddsWhatIsMissing()
    {
        var host = new RecordingHost();
        using (var session = _world.Session(host))
        {
            var created = await IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = IrsaWorld.ClusterName }, default);
            Assert.Equal(_world.ProviderArn, created!.Arn);
            Assert.Equal(["sts.amazonaws.com"], created.ClientIds);
            Assert.Equal(_world.Issuer, created.Url);
            Assert.True(Assert.Single(created.Changes).Applied);
            Assert.True((await session.GetClusterAsync(IrsaWorld.ClusterName, default)).OidcProviderExists); // the session does not keep the stale answer
        }

        var counter = new AwsCallCounter();
        var second = new RecordingHost();
        using (var session = _world.Session(second, observer: counter))
        {
            var unchanged = await IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = IrsaWorld.ClusterName }, default);
            Assert.Empty(unchanged!.Changes);
            Assert.Empty(second.Asked);
            Assert.Equal(0, counter.Calls("IAM", "CreateOpenIDConnectProvider"));
        }

        using (var session = _world.Session(new RecordingHost()))
        {
            var tagged = await IrsaOidcProviders.RegisterAsync(
                session, new RegisterProviderRequest { ClusterName = IrsaWorld.ClusterName, Tags = new Dictionary<string, string> { ["owner"] = "platform" } }, default);
            Assert.Equal("TagOpenIDConnectProvider", Assert.Single(tagged!.Changes).Action);
            Assert.Equal("platform", tagged.Tags["owner"]);
        }

        using (var session = _world.Session(new RecordingHost()))
        {
            var cluster = await session.GetClusterAsync(IrsaWorld.ClusterName, default);
            Assert.True(cluster.OidcProviderExists);
            var listed = await IrsaOidcProviders.GetAsync(session, null, default);
            Assert.Contains(listed, p => p.Arn == _world.ProviderArn);
        }

        var removal = new RecordingHost();
        using (var session = _world.Session(removal))
        {
            var changes = await IrsaOidcProviders.UnregisterAsync(session, IrsaWorld.ClusterName, null, default);
            Assert.True(Assert.Single(changes).Applied);
            Assert.True(Assert.Single(removal.Asked).HighImpact);
            var ex = await Assert.ThrowsAsync<IrsaException>(() => IrsaOidcProviders.GetAsync(session, IrsaWorld.ClusterName, default));
            Assert.Equal(ErrorIds.OidcProviderNotRegistered, ex.ErrorId);
        }
    }

    [Fact]
    public async Task WhatIfRegistersNothing()
    {
        var counter = new AwsCallCounter();
        using var session = _world.Session(RecordingHost.WhatIf(), observer: counter);
        var world = await session.GetClusterAsync(IrsaWorld.ClusterName, default);
        var result = await IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = IrsaWorld.ClusterName }, default);
        if (!world.OidcProviderExists)
        {
            Assert.Null(result);
        }

        Assert.Equal(0, counter.Calls("IAM", "CreateOpenIDConnectProvider"));
    }

    [Theory]
    [InlineData("not-hex-not-hex-not-hex-not-hex-not-hexx")]
    [InlineData("9e99a48a9960b14926bb7f3b02e22da2b0ab72")]
    public async Task BadThumbprintsAreRefusedBeforeAnyCall(string thumbprint)
    {
        var counter = new AwsCallCounter();
        using var session = _world.Session(new RecordingHost(), observer: counter);
        var ex = await Assert.ThrowsAsync<IrsaValidationException>(() =>
            IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = IrsaWorld.ClusterName, Thumbprints = [thumbprint] }, default));
        Assert.Equal(ErrorIds.InvalidThumbprint, ex.ErrorId);
        Assert.Equal(0, counter.TotalCalls);
    }

    [Fact]
    public async Task RolesStillTrustingAProviderAreNamedBeforeItIsDeleted()
    {
        using (var session = _world.Session(new RecordingHost()))
        {
            await IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = IrsaWorld.ClusterName }, default);
            await IrsaRoles.NewAsync(session, new NewRoleRequest { RoleName = "still-trusting", ClusterName = IrsaWorld.ClusterName, ServiceAccounts = [new ServiceAccountRef("web", "app")] }, default);
        }

        var host = RecordingHost.WhatIf();
        using var check = _world.Session(host);
        await IrsaOidcProviders.UnregisterAsync(check, IrsaWorld.ClusterName, null, default);
        Assert.Contains(host.Warnings, w => w.Contains("still-trusting", StringComparison.Ordinal));
        Assert.Contains("still-trusting", Assert.Single(host.Asked).Detail, StringComparison.Ordinal);
        using var aws = _world.Connect();
        Assert.True(await ClusterResolver.ProviderExistsAsync(aws, _world.ProviderArn, default));
    }
}
