using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>One connection used from many tasks at once: lazily created clients, and per-call attempt counts that do not mix.</summary>
public sealed class ConcurrencyWireTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public ConcurrencyWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task ParallelCalls_OnOneConnection_AllSucceed_AndEachCallReportsItsOwnAttempts()
    {
        var results = new ConcurrentBag<AwsCallResult>();
        var counter = new AwsCallCounter(new ResultRecorder(results));
        using var aws = _moto.Connect(counter);
        var names = Enumerable.Range(0, 16).Select(i => Names.Unique($"par{i}")).ToList();

        await Task.WhenAll(names.Select(name =>
            Task.Run(() => aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = TestPolicies.Trust }))));
        var roles = await Task.WhenAll(names.Select(name => Task.Run(() => aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name }))));

        Assert.Equal(names, roles.Select(r => r.Role.RoleName));
        Assert.Equal(16, counter.Calls("IAM", "CreateRole"));
        Assert.Equal(16, counter.Calls("IAM", "GetRole"));
        Assert.Equal(32, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded && r.Attempts == 1 && r.StatusCode == 200, r.ToString()));
    }

    private sealed class ResultRecorder(ConcurrentBag<AwsCallResult> results) : IAwsCallObserver
    {
        public void OnCallStarting(AwsCallStart call)
        {
        }

        public void OnAttempt(AwsAttempt attempt)
        {
        }

        public void OnCallCompleted(AwsCallResult call) => results.Add(call);
    }
}
