using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Faults;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>
/// Every operation completes with the right state under 20% injected faults (throttling, 500/503, connection resets —
/// before the request reaches moto, and after moto applied a write whose answer is then lost), and a hard failure
/// midway leaves a state that a re-run completes.
/// </summary>
public class FaultToleranceTests : IClassFixture<IrsaWorld>
{
    private const string S3Read = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private const string Inline = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}""";
    private readonly IrsaWorld _world;

    public FaultToleranceTests(IrsaWorld world) => _world = world;

    private static NewRoleRequest Request(string role, string sa) => new()
    {
        RoleName = role,
        ClusterName = IrsaWorld.ClusterName,
        ServiceAccounts = [new ServiceAccountRef("web", sa)],
        PolicyArns = [S3Read, TestPolicies.ReadOnlyAccessArn, TestPolicies.SecurityAuditArn],
        InlinePolicies = new Dictionary<string, string> { ["list"] = Inline },
        Tags = new Dictionary<string, string> { ["team"] = "web" },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task TheWholeLifecycleCompletesUnderTwentyPercentFaults(int seed)
    {
        await using var proxy = await FaultProxy.StartAsync(_world.Moto.Endpoint, new FaultPlan
        {
            Rate = 0.2,
            Seed = seed,
            Phases = [FaultPhase.BeforeForward, FaultPhase.AfterForward],
        });
        var role = Names.Unique("faults");
        var counter = new AwsCallCounter();
        using (var session = _world.Session(new RecordingHost(), proxy.Endpoint, counter, maxErrorRetry: 8))
        {
            var provider = await IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = IrsaWorld.ClusterName, Tags = new Dictionary<string, string> { ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) } }, default);
            Assert.Equal(_world.ProviderArn, provider!.Arn);
            var created = await IrsaRoles.NewAsync(session, Request(role, "app"), default);
            Assert.Single(created);
            await IrsaRoleTrusts.AddAsync(session, role, IrsaWorld.ClusterName, [new ServiceAccountRef("web", "worker")], null, false, default);
            await IrsaRoleTrusts.RemoveAsync(session, role, IrsaWorld.ClusterName, [new ServiceAccountRef("web", "app")], default);
        }

        Assert.True(proxy.Faults.Count > 0, "no fault was injected; the test proves nothing");
        using var aws = _world.Connect();
        var trust = PolicyDocument.Parse((await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role })).Role.AssumeRolePolicyDocument!);
        Assert.Equal(["web/worker"], TrustPolicyInspector.ListSubjects(trust).Select(s => s.Namespace + "/" + s.ServiceAccountName));
        Assert.Equal(3, (await aws.Iam.ListAllAttachedRolePoliciesAsync(role)).Count);
        Assert.Equal(["list"], await aws.Iam.ListAllRolePoliciesAsync(role));

        using (var session = _world.Session(new RecordingHost(), proxy.Endpoint, maxErrorRetry: 8))
        {
            await IrsaRoles.RemoveAsync(session, role, default);
            await IrsaOidcProviders.UnregisterAsync(session, IrsaWorld.ClusterName, null, default);
        }

        Assert.Null(await IrsaRoles.TryGetRoleAsync(aws, role, default));
        Assert.False(await ClusterResolver.ProviderExistsAsync(aws, _world.ProviderArn, default));
    }

    [Fact]
    public async Task ALostCreateRoleAnswerIsAdoptedNotFailed()
    {
        await using var proxy = await FaultProxy.StartAsync(_world.Moto.Endpoint);
        proxy.AddRule(new FaultRule("CreateRole", FaultKind.ConnectionReset, FaultPhase.AfterForward, Times: 1));
        var role = Names.Unique("lost");
        using var session = _world.Session(new RecordingHost(), proxy.Endpoint, maxErrorRetry: 4);

        var result = Assert.Single(await IrsaRoles.NewAsync(session, Request(role, "app"), default));

        Assert.Equal(1, proxy.Faults.Count(f => f.Action == "CreateRole"));
        using var aws = _world.Connect();
        Assert.Equal(3, (await aws.Iam.ListAllAttachedRolePoliciesAsync(role)).Count);
        Assert.Equal(["web/app"], result.Subjects.Select(s => s.Namespace + "/" + s.ServiceAccountName));
    }

    [Fact]
    public async Task AHardFailureMidwayRollsTheNewRoleBack_AndAReRunCreatesItWhole()
    {
        await using var proxy = await FaultProxy.StartAsync(_world.Moto.Endpoint);
        var role = Names.Unique("hard");

        // IAM refuses every AttachRolePolicy right after the role is created: the first policy can never be attached.
        proxy.AddRule(new FaultRule("AttachRolePolicy", FaultKind.ServiceUnavailable, FaultPhase.BeforeForward, Times: null));
        var brokenHost = new RecordingHost();
        using (var broken = _world.Session(brokenHost, proxy.Endpoint, maxErrorRetry: 1))
        {
            var ex = await Assert.ThrowsAsync<IrsaException>(() => IrsaRoles.NewAsync(broken, Request(role, "app"), default));
            Assert.IsType<AwsServiceException>(ex.InnerException);
            Assert.Equal(((AwsServiceException)ex.InnerException!).ErrorId, ex.ErrorId); // the cause keeps its id and category
            Assert.Contains("taken back, so nothing is left behind", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Attach managed policy", ex.Message, StringComparison.Ordinal);
        }

        Assert.Single(brokenHost.Asked); // one confirmation for the role and everything that goes with it
        using var aws = _world.Connect();
        Assert.Null(await IrsaRoles.TryGetRoleAsync(aws, role, default));

        proxy.ClearRules();
        using (var rerun = _world.Session(new RecordingHost(), proxy.Endpoint))
        {
            var result = Assert.Single(await IrsaRoles.NewAsync(rerun, Request(role, "app"), default));
            Assert.True(result.Created);
            Assert.All(result.Changes, c => Assert.True(c.Applied));
        }

        Assert.Equal(3, (await aws.Iam.ListAllAttachedRolePoliciesAsync(role)).Count);
        Assert.Equal(["list"], await aws.Iam.ListAllRolePoliciesAsync(role));
    }

    [Fact]
    public async Task WhenTheRollbackFailsToo_TheErrorSaysWhatExists()
    {
        await using var proxy = await FaultProxy.StartAsync(_world.Moto.Endpoint);
        var role = Names.Unique("stuck");

        // The inline policy cannot be written, and nothing can be detached or deleted afterwards.
        proxy.AddRule(new FaultRule("PutRolePolicy", FaultKind.ServiceUnavailable, FaultPhase.BeforeForward, Times: null));
        proxy.AddRule(new FaultRule("DetachRolePolicy", FaultKind.ServiceUnavailable, FaultPhase.BeforeForward, Times: null));
        proxy.AddRule(new FaultRule("DeleteRole", FaultKind.ServiceUnavailable, FaultPhase.BeforeForward, Times: null));
        using (var broken = _world.Session(new RecordingHost(), proxy.Endpoint, maxErrorRetry: 1))
        {
            var ex = await Assert.ThrowsAsync<IrsaException>(() => IrsaRoles.NewAsync(broken, Request(role, "app"), default));
            Assert.Equal(ErrorIds.RoleLeftIncomplete, ex.ErrorId);
            Assert.Contains("Add inline policy 'list'", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Attach managed policy", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"Create IAM role '{role}'", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"Remove-IrsaRole -RoleName {role}", ex.Message, StringComparison.Ordinal);
        }

        proxy.ClearRules();
        using var aws = _world.Connect();
        Assert.NotNull(await IrsaRoles.TryGetRoleAsync(aws, role, default)); // exactly what the message said
        Assert.Equal(3, (await aws.Iam.ListAllAttachedRolePoliciesAsync(role)).Count);
    }

    [Fact]
    public async Task ARoleThatIamDoesNotShowYetIsWaitedForWithABoundedRetry()
    {
        await using var proxy = await FaultProxy.StartAsync(_world.Moto.Endpoint);
        proxy.AddRule(new FaultRule("AttachRolePolicy", FaultKind.NotYetVisible, FaultPhase.BeforeForward, Times: 3));
        var role = Names.Unique("consistency");
        var host = new RecordingHost();
        using var session = _world.Session(host, proxy.Endpoint);

        await IrsaRoles.NewAsync(session, Request(role, "app"), default);

        Assert.Equal(3, proxy.Faults.Count(f => f.Action == "AttachRolePolicy"));
        using var aws = _world.Connect();
        Assert.Equal(3, (await aws.Iam.ListAllAttachedRolePoliciesAsync(role)).Count);
    }

    [Fact]
    public async Task EventualConsistencyGivesUpAfterItsDeadlineWithAClearError()
    {
        await using var proxy = await FaultProxy.StartAsync(_world.Moto.Endpoint);
        proxy.AddRule(new FaultRule("AttachRolePolicy", FaultKind.NotYetVisible, FaultPhase.BeforeForward, Times: null));
        var options = new IrsaOperationOptions { ConsistencyTimeout = TimeSpan.FromMilliseconds(300), ConsistencyInitialDelay = TimeSpan.FromMilliseconds(50), TrustSettleDelay = TimeSpan.FromMilliseconds(50) };
        using var session = _world.Session(new RecordingHost(), proxy.Endpoint, options: options);

        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<IrsaException>(() => IrsaRoles.NewAsync(session, Request(Names.Unique("never"), "app"), default));
        Assert.Equal(ErrorIds.NotEventuallyConsistent, ex.ErrorId);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }
}
