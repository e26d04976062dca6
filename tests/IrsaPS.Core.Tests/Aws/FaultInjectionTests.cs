using System;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Faults;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// The SDK's retries against a fault-injecting proxy in front of moto: every client call survives 20% throttling,
/// 500/503 and connection resets; lost answers after a write surface as the service's own next answer; a hard
/// failure surfaces as a clear error.
/// </summary>
public sealed class FaultInjectionTests : IClassFixture<MotoFixture>
{
    private const int Retries = 8;
    private readonly MotoFixture _moto;

    public FaultInjectionTests(MotoFixture moto) => _moto = moto;

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    public async Task EveryClientCall_Succeeds_Under20PercentFaultsBeforeForwarding(int seed)
    {
        var cluster = Names.Unique("faulty");
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, cluster);
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.Failures(0.2, seed));
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter, proxy.Endpoint, maxErrorRetry: Retries);
        var role = Names.Unique("faulty");
        var issuer = $"https://oidc.eks.us-east-1.amazonaws.com/id/{Names.Unique("F").ToUpperInvariant()}";

        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, Path = "/faults/", AssumeRolePolicyDocument = TestPolicies.Trust, Tags = [new Tag("a", "1")] });
        await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role });
        await aws.Iam.ListAllRolesAsync("/faults/", pageSize: 1);
        await aws.Iam.UpdateRoleAsync(new UpdateRoleRequest { RoleName = role, Description = "under fire" });
        await aws.Iam.UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest { RoleName = role, PolicyDocument = TestPolicies.Trust });
        await aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = role, PolicyArn = TestPolicies.ReadOnlyAccessArn });
        await aws.Iam.ListAllAttachedRolePoliciesAsync(role);
        await aws.Iam.PutRolePermissionsBoundaryAsync(new PutRolePermissionsBoundaryRequest { RoleName = role, PermissionsBoundary = TestPolicies.SecurityAuditArn });
        await aws.Iam.DeleteRolePermissionsBoundaryAsync(new DeleteRolePermissionsBoundaryRequest { RoleName = role });
        await aws.Iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = role, PolicyName = "inline", PolicyDocument = TestPolicies.ReadBucket });
        await aws.Iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = role, PolicyName = "inline" });
        await aws.Iam.ListAllRolePoliciesAsync(role);
        await aws.Iam.TagRoleAsync(new TagRoleRequest { RoleName = role, Tags = [new Tag("b", "2")] });
        await aws.Iam.ListAllRoleTagsAsync(role);
        await aws.Iam.UntagRoleAsync(new UntagRoleRequest { RoleName = role, TagKeys = ["b"] });
        var provider = (await aws.Iam.CreateOpenIDConnectProviderAsync(
            new CreateOpenIDConnectProviderRequest { Url = issuer, ClientIDList = ["sts.amazonaws.com"] })).OpenIDConnectProviderArn;
        await aws.Iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = provider });
        await aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest());
        await aws.Iam.TagOpenIDConnectProviderAsync(new TagOpenIDConnectProviderRequest { OpenIDConnectProviderArn = provider, Tags = [new Tag("c", "3")] });
        await aws.Iam.UntagOpenIDConnectProviderAsync(new UntagOpenIDConnectProviderRequest { OpenIDConnectProviderArn = provider, TagKeys = ["c"] });
        await aws.Iam.UpdateOpenIDConnectProviderThumbprintAsync(
            new UpdateOpenIDConnectProviderThumbprintRequest { OpenIDConnectProviderArn = provider, ThumbprintList = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"] });
        await aws.Iam.DeleteOpenIDConnectProviderAsync(new DeleteOpenIDConnectProviderRequest { OpenIDConnectProviderArn = provider });
        await aws.Iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = role, PolicyName = "inline" });
        await aws.Iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = role, PolicyArn = TestPolicies.ReadOnlyAccessArn });
        await aws.Iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = role });
        await aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = cluster });
        await aws.Eks.ListAllClustersAsync(pageSize: 1);
        await aws.Sts.GetCallerIdentityAsync();
        await aws.Sts.AssumeRoleWithWebIdentityAsync("arn:aws:iam::123456789012:role/x", "token", "session");

        // Every call above returned normally; the proxy hit about one request in five, and each hit cost one retry.
        var faults = proxy.Faults;
        Assert.True(faults.Count >= 5, $"only {faults.Count} faults were injected");
        Assert.True(faults.Select(f => f.Kind).Distinct().Count() >= 3, "fewer than three kinds of fault were injected");
        Assert.Equal(counter.TotalAttempts, proxy.TotalRequests);
        Assert.Equal(counter.TotalCalls + faults.Count, counter.TotalAttempts);
        Assert.Equal(faults.Count, counter.AttemptLog().Count(a => !a.Succeeded));
        Assert.Contains(counter.AttemptLog(), a => a.Attempt > 1 && a.Succeeded);
        var gone = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role }));
        Assert.Equal(IrsaErrorKind.NotFound, gone.Kind);
    }

    [Theory]
    [InlineData(FaultKind.Throttle, 400, "Throttling")]
    [InlineData(FaultKind.ServerError, 500, "ServiceFailure")]
    [InlineData(FaultKind.ServiceUnavailable, 503, "ServiceUnavailable")]
    [InlineData(FaultKind.ConnectionReset, null, null)]
    public async Task EachFaultKind_BeforeForwarding_IsRetried_AndShownInTheObserver(FaultKind kind, int? status, string? code)
    {
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint);
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter, proxy.Endpoint, maxErrorRetry: 3);
        var role = Names.Unique("kind");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = TestPolicies.Trust });
        proxy.AddRule(new FaultRule("GetRole", kind, FaultPhase.BeforeForward, Times: 2));
        counter.Reset();

        var response = await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role });

        Assert.Equal(role, response.Role.RoleName);
        var attempts = counter.AttemptLog();
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Equal([status, status, 200], attempts.Select(a => a.StatusCode));
        Assert.Equal([code, code, null], attempts.Select(a => a.ErrorCode));
        Assert.Equal(1, proxy.Forwarded("GetRole"));
        Assert.Equal(1, counter.Calls("IAM", "GetRole"));
    }

    [Fact]
    public async Task Latency_DelaysTheAnswer_ButTheCallSucceedsFirstTime()
    {
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, new FaultPlan { Rate = 1, Kinds = [FaultKind.Latency], Latency = TimeSpan.FromMilliseconds(300) });
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter, proxy.Endpoint);

        await aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest());

        var attempt = Assert.Single(counter.AttemptLog());
        Assert.True(attempt.Succeeded);
        Assert.True(attempt.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {attempt.Elapsed}");
    }

    [Fact]
    public async Task CreateRole_WhoseAnswerIsLost_IsRetried_AndFailsWithAlreadyExists_WithTheRoleInPlace()
    {
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint);
        proxy.AddRule(new FaultRule("CreateRole", FaultKind.ConnectionReset, FaultPhase.AfterForward));
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter, proxy.Endpoint);
        var role = Names.Unique("lost");

        var ex = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = TestPolicies.Trust }));

        Assert.Equal(ErrorIds.AwsResourceAlreadyExists, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.AlreadyExists, ex.Kind);
        Assert.Equal(2, proxy.Forwarded("CreateRole"));
        Assert.Equal(2, counter.Attempts("IAM", "CreateRole"));
        Assert.Equal(1, counter.Calls("IAM", "CreateRole"));
        var attempts = counter.AttemptLog();
        Assert.Null(attempts[0].StatusCode);
        Assert.Equal("EntityAlreadyExists", attempts[1].ErrorCode);
        var existing = await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role });
        Assert.Equal(role, existing.Role.RoleName);
    }

    [Fact]
    public async Task DeleteRole_WhoseAnswerIsReplacedByThrottling_IsRetried_AndFailsWithNotFound()
    {
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint);
        using var aws = _moto.Connect(endpoint: proxy.Endpoint);
        var role = Names.Unique("throttled-delete");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = TestPolicies.Trust });
        proxy.AddRule(new FaultRule("DeleteRole", FaultKind.Throttle, FaultPhase.AfterForward));

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = role }));

        Assert.Equal(IrsaErrorKind.NotFound, ex.Kind);
        Assert.Equal(2, proxy.Forwarded("DeleteRole"));
    }

    [Fact]
    public async Task EksThrottling_Json429_IsRetried()
    {
        var cluster = Names.Unique("throttled");
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, cluster);
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint);
        proxy.AddRule(new FaultRule("DescribeCluster", FaultKind.Throttle, FaultPhase.BeforeForward, Times: 2));
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter, proxy.Endpoint, maxErrorRetry: 3);

        var response = await aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = cluster });

        Assert.Equal(cluster, response.Cluster.Name);
        Assert.Equal(3, counter.Attempts("EKS", "DescribeCluster"));
        Assert.Equal(["ThrottlingException", "ThrottlingException", null], counter.AttemptLog().Select(a => a.ErrorCode));
        Assert.Equal([429, 429, 200], counter.AttemptLog().Select(a => a.StatusCode));
    }

    [Fact]
    public async Task HardFailure_SurfacesAsConnectionFailed_AfterTheRetries()
    {
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint);
        proxy.FailEverything();
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter, proxy.Endpoint, maxErrorRetry: 1);

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = "anything" }));

        Assert.Equal(ErrorIds.AwsConnectionFailed, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.ConnectionFailed, ex.Kind);
        Assert.Null(ex.HttpStatusCode);
        Assert.Contains($"{proxy.Endpoint.GetLeftPart(UriPartial.Authority)} could not be reached", ex.Message, StringComparison.Ordinal);

        // The SDK retries a reset connection up to MaxStaleConnectionRetries times besides MaxErrorRetry; none got through.
        Assert.True(proxy.Received("GetRole") >= 2);
        Assert.Equal(proxy.Received("GetRole"), counter.Attempts("IAM", "GetRole"));
        Assert.Equal(0, proxy.Forwarded("GetRole"));
    }

    [Fact]
    public async Task PersistentThrottling_SurfacesAsThrottled_WithTheAwsCode()
    {
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint);
        proxy.FailEverything(FaultKind.Throttle);
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter, proxy.Endpoint, maxErrorRetry: 1);

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.ListRolesAsync(new ListRolesRequest()));
        Assert.Equal(2, counter.Attempts("IAM", "ListRoles"));

        Assert.Equal(ErrorIds.AwsThrottled, ex.ErrorId);
        Assert.Equal("Throttling", ex.AwsErrorCode);
        Assert.Equal(400, ex.HttpStatusCode);
        Assert.StartsWith("fault-", ex.RequestId, StringComparison.Ordinal);
    }
}
