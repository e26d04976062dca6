using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.PodIdentity;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>New-IrsaRole -PodIdentity (the same planner as IRSA roles: policies, boundary, tags, path) and the offline Pod Identity trust builder.</summary>
public sealed class PodIdentityRoleTests : IClassFixture<PodIdentityWorld>
{
    private const string Policy = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private readonly PodIdentityWorld _world;

    public PodIdentityRoleTests(PodIdentityWorld world) => _world = world;

    [Fact]
    public async Task APodIdentityRole_GetsTheServiceTrust_PoliciesTagsAndPath_AndAdoptingItAgainChangesNothing()
    {
        var role = Names.Unique("pirole");
        var request = new NewRoleRequest
        {
            RoleName = role,
            ClusterName = PodIdentityWorld.ClusterName,
            ServiceAccounts = [new ServiceAccountRef("web", "app")],
            PolicyArns = [Policy],
            Tags = new Dictionary<string, string> { ["team"] = "web" },
            Path = "/pods/",
            PodIdentity = new PodIdentityRoleOptions(),
        };
        var host = new RecordingHost();

        IrsaPS.Core.Models.IrsaRole created;
        using (var session = _world.Session(host))
        {
            created = Assert.Single(await IrsaRoles.NewAsync(session, request, default));
        }

        using var again = _world.Session(new RecordingHost());
        var adopted = Assert.Single(await IrsaRoles.NewAsync(again, request, default));
        var trust = PolicyDocument.Parse(created.TrustPolicy);

        Assert.True(created.Created);
        Assert.Equal($"arn:aws:iam::{PodIdentityWorld.AccountId}:role/pods/{role}", created.RoleArn);
        Assert.Equal(["web", "app"], new[] { created.Namespace!, created.ServiceAccountName! });
        Assert.True(PodIdentityTrustPolicy.IsIrsaPSStatement(Assert.Single(trust.Statements)));
        Assert.True(PodIdentityTrustEvaluator.Evaluate(trust, new PodIdentityRequest(PodIdentityWorld.AccountId, _world.ClusterArn, "web", "app")).Allowed);
        Assert.Contains(Policy, created.AttachedPolicyArns!);
        Assert.Equal("web", created.Tags["team"]);
        Assert.Null(created.Audience);
        Assert.True(host.Asked[0].HighImpact); // a role that trusts a service principal: confirmed as broadening
        Assert.Empty(adopted.Changes);
    }

    [Fact]
    public async Task PodIdentity_RefusesIrsasAudienceAndWildcards_BeforeAnyCall()
    {
        using var session = _world.Session(new RecordingHost());
        var refused = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoles.NewAsync(session, new NewRoleRequest
        {
            RoleName = "x",
            ClusterName = PodIdentityWorld.ClusterName,
            ServiceAccounts = [new ServiceAccountRef("web", "app")],
            Audience = "sts.amazonaws.com",
            PodIdentity = new PodIdentityRoleOptions(),
        }, default));

        Assert.Equal(ErrorIds.InvalidParameterCombination, refused.ErrorId);
    }

    [Fact]
    public void TheOfflineBuilder_TakesAccountAndPartitionFromTheClusterArn_AndChecksTheSize()
    {
        var perAccount = PodIdentityTrustPolicyFactory.Build(
            "arn:aws-cn:eks:cn-north-1:123456789012:cluster/prod",
            null,
            null,
            [new ServiceAccountRef("web", "app"), new ServiceAccountRef("web", "worker")],
            new PodIdentityRoleOptions(PodIdentityTrustScope.ServiceAccount, RequireSourceAccount: true));
        var any = PodIdentityTrustPolicyFactory.Build(null, "123456789012", null, [], new PodIdentityRoleOptions(PodIdentityTrustScope.Any, true));
        var tooLarge = Assert.ThrowsAny<IrsaException>(() => PodIdentityTrustPolicyFactory.Build(
            "arn:aws:eks:us-east-1:123456789012:cluster/prod", null, null, Enumerable.Range(0, 12).Select(i => new ServiceAccountRef("web", "app-" + i)).ToList(), new PodIdentityRoleOptions()));
        var otherAccount = Assert.Throws<IrsaValidationException>(() => PodIdentityTrustPolicyFactory.Build(
            "arn:aws:eks:us-east-1:123456789012:cluster/prod", "210987654321", null, [new ServiceAccountRef("web", "app")], new PodIdentityRoleOptions()));

        Assert.Equal(2, PolicyDocument.Parse(perAccount.CompactJson).Statements.Count);
        Assert.Contains("\"aws:SourceAccount\": \"123456789012\"", perAccount.Json, StringComparison.Ordinal);
        Assert.Contains("IrsaPSPodIdentityAnyAccount", any.CompactJson, StringComparison.Ordinal);
        Assert.True(any.Size <= any.SizeLimit);
        Assert.Equal(ErrorIds.TrustPolicyTooLarge, tooLarge.ErrorId);
        Assert.Equal(ErrorIds.InvalidParameterCombination, otherAccount.ErrorId);
    }
}
