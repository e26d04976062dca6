using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Moto;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>
/// The core additions the cmdlets stand on, against moto: cluster listing with patterns, the role and provider scans'
/// progress, unregistering by whatever an object piped in carries, the trust policy for a named cluster, completion.
/// </summary>
public sealed class OperationQueryWireTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public OperationQueryWireTests(MotoFixture moto) => _moto = moto;

    private IrsaSession Session(RecordingOperationHost host) => new(
        new IrsaSessionSettings
        {
            Aws = new AwsConnectionSettings
            {
                Region = MotoFixture.Region,
                AccessKey = MotoServer.AccessKey,
                SecretKey = MotoServer.SecretKey,
                EndpointUrl = _moto.Endpoint.AbsoluteUri,
            },
            Options = new IrsaOperationOptions { TrustSettleDelay = TimeSpan.Zero, ConsistencyInitialDelay = TimeSpan.FromMilliseconds(10) },
        },
        host);

    [Fact]
    public async Task ClustersAreFoundByPatternSortedAndResolvedWithProgress()
    {
        var prefix = Names.Unique("find").ToLowerInvariant();
        foreach (var suffix in new[] { "b", "a", "other" })
        {
            await MotoSeed.CreateClusterAsync(_moto.Endpoint, $"{prefix}-{suffix}");
        }

        var host = new RecordingOperationHost();
        using var session = Session(host);

        var found = await IrsaClusters.GetAsync(session, prefix + "-?", CancellationToken.None);

        Assert.Equal([$"{prefix}-a", $"{prefix}-b"], found.Select(c => c.ClusterName));
        Assert.All(found, c => Assert.StartsWith("https://oidc.eks.us-east-1.amazonaws.com/id/", c.Issuer, StringComparison.Ordinal));
        var reports = host.ProgressOf(ProgressActivities.ClusterScan);
        Assert.Equal(3, reports.Count);
        Assert.True(reports[^1].Completed);
        Assert.Contains(prefix + "-a", reports[0].Status, StringComparison.Ordinal);

        var exact = await IrsaClusters.GetAsync(session, $"{prefix}-other", CancellationToken.None);
        Assert.Equal($"{prefix}-other", Assert.Single(exact).ClusterName);
        var missing = await Assert.ThrowsAsync<IrsaException>(() => IrsaClusters.GetAsync(session, prefix + "-missing", CancellationToken.None));
        Assert.Equal(ErrorIds.ClusterNotFound, missing.ErrorId);
        var invalid = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaClusters.GetAsync(session, "bad name!", CancellationToken.None));
        Assert.Equal(ErrorIds.InvalidClusterName, invalid.ErrorId);
    }

    [Fact]
    public async Task TheRoleScanReportsProgressAndCompletes()
    {
        var cluster = Names.Unique("scan").ToLowerInvariant();
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, cluster);
        var host = new RecordingOperationHost();
        using var session = Session(host);
        var resolved = await session.GetClusterAsync(cluster, CancellationToken.None);
        var role = Names.Unique("scanned");
        await IrsaRoles.NewAsync(
            session,
            new NewRoleRequest { RoleName = role, ClusterName = cluster, ServiceAccounts = [new ServiceAccountRef("web", "app")] },
            CancellationToken.None);

        var found = await IrsaRoles.GetAsync(session, cluster, null, CancellationToken.None);

        Assert.Equal(role, Assert.Single(found).RoleName);
        Assert.Equal(resolved.ClusterName, found[0].ClusterName);
        var reports = host.ProgressOf(ProgressActivities.RoleScan);
        Assert.True(reports.Count >= 2);
        Assert.True(reports[^1].Completed);
        Assert.All(reports.Take(reports.Count - 1), r => Assert.False(r.Completed));
    }

    [Fact]
    public async Task UnregisterPrefersTheClusterNameOverANonProviderArn()
    {
        var cluster = Names.Unique("unreg").ToLowerInvariant();
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, cluster);
        var host = new RecordingOperationHost();
        using var session = Session(host);
        var registered = await IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = cluster }, CancellationToken.None);
        var resolved = await session.GetClusterAsync(cluster, CancellationToken.None);

        // What an IrsaCluster piped into Unregister-IrsaOidcProvider carries: its name and the EKS cluster's own ARN.
        var changes = await IrsaOidcProviders.UnregisterAsync(session, cluster, resolved.Arn, CancellationToken.None);

        var deletion = Assert.Single(changes);
        Assert.Equal("DeleteOpenIDConnectProvider", deletion.Action);
        Assert.Equal(registered!.Arn, deletion.Target);
        Assert.True(deletion.Applied);
        Assert.False(await ClusterResolver.ProviderExistsAsync(session.Aws, registered.Arn, CancellationToken.None));
        Assert.True(host.ProgressOf(ProgressActivities.RoleScan)[^1].Completed);

        var invalid = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaOidcProviders.UnregisterAsync(session, null, resolved.Arn, CancellationToken.None));
        Assert.Equal(ErrorIds.InvalidArn, invalid.ErrorId);
    }

    [Fact]
    public async Task ListingProvidersReportsProgress()
    {
        var cluster = Names.Unique("list").ToLowerInvariant();
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, cluster);
        var host = new RecordingOperationHost();
        using var session = Session(host);
        var registered = await IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = cluster }, CancellationToken.None);

        var all = await IrsaOidcProviders.GetAsync(session, null, CancellationToken.None);

        Assert.Contains(all, p => p.Arn == registered!.Arn);
        var reports = host.ProgressOf(ProgressActivities.ProviderScan);
        Assert.Equal(all.Count + 1, reports.Count);
        Assert.True(reports[^1].Completed);
    }

    [Fact]
    public async Task TheTrustPolicyOfANamedClusterUsesItsIssuerAndTheCallersAccount()
    {
        var cluster = Names.Unique("trust").ToLowerInvariant();
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, cluster);
        using var session = Session(new RecordingOperationHost());
        var resolved = await session.GetClusterAsync(cluster, CancellationToken.None);

        var policy = await IrsaTrustPolicies.NewForClusterAsync(
            session, cluster, null, [new ServiceAccountRef("web", "app")], null, false, 2048, CancellationToken.None);

        var subject = Assert.Single(policy.Subjects);
        Assert.Equal(cluster, subject.ClusterName);
        Assert.Equal(resolved.Issuer, subject.Issuer);
        Assert.Contains($"arn:aws:iam::{resolved.AccountId}:oidc-provider/", policy.CompactJson, StringComparison.Ordinal);
        Assert.Contains("system:serviceaccount:web:app", policy.CompactJson, StringComparison.Ordinal);
        Assert.Contains("sts.amazonaws.com", policy.CompactJson, StringComparison.Ordinal);

        var other = await IrsaTrustPolicies.NewForClusterAsync(
            session, cluster, "210987654321", [new ServiceAccountRef("web", "app")], null, false, 2048, CancellationToken.None);
        Assert.Contains("arn:aws:iam::210987654321:oidc-provider/", other.CompactJson, StringComparison.Ordinal);

        var wildcard = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaTrustPolicies.NewForClusterAsync(
            session, cluster, null, [new ServiceAccountRef("web", "*", allowWildcards: true)], null, false, 2048, CancellationToken.None));
        Assert.Equal(ErrorIds.WildcardNotAllowed, wildcard.ErrorId);
    }

    [Fact]
    public async Task CompletionListsClustersAndRolesByWhatWasTyped()
    {
        var prefix = Names.Unique("cpl").ToLowerInvariant();
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, prefix + "-east");
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, prefix + "-west");
        using var session = Session(new RecordingOperationHost());
        using (var aws = _moto.Connect())
        {
            foreach (var name in new[] { prefix + "-Reader", prefix + "-writer" })
            {
                await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = TestPolicies.Trust });
            }
        }

        CompletionQueries.ClearCache();
        Assert.Equal([prefix + "-east", prefix + "-west"], await CompletionQueries.ClusterNamesAsync(session, prefix, CancellationToken.None));
        Assert.Equal([prefix + "-west"], await CompletionQueries.ClusterNamesAsync(session, prefix + "-W", CancellationToken.None));
        Assert.Equal([prefix + "-Reader", prefix + "-writer"], await CompletionQueries.RoleNamesAsync(session, prefix, CancellationToken.None));
        Assert.Equal([prefix + "-writer"], await CompletionQueries.RoleNamesAsync(session, $"'{prefix}-*ter", CancellationToken.None));
    }

    [Fact]
    public void CompletionFiltersByPrefixOrPatternCaseInsensitively()
    {
        var names = new List<string> { "web", "Payments", "kube-system", "web" };
        Assert.Equal(["kube-system", "Payments", "web"], CompletionQueries.Filter(names, null));
        Assert.Equal(["Payments"], CompletionQueries.Filter(names, "pay"));
        Assert.Equal(["kube-system"], CompletionQueries.Filter(names, "*sys"));
        Assert.Empty(CompletionQueries.Filter(names, "zzz"));
    }
}
