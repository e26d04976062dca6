using System;
using System.Threading.Tasks;
using IrsaPS.Bench.CloudFormation;
using IrsaPS.Bench.Eksctl;
using IrsaPS.Core.Aws;
using Xunit;

namespace IrsaPS.Bench.Tests.Eksctl;

/// <summary>
/// The replayed StackCreateComplete waiter against moto (which completes stacks inside CreateStack), on a virtual clock:
/// the modelled CloudFormation provisioning time decides how many polls are made and how long is waited.
/// </summary>
public sealed class StackCreateCompleteWaiterWireTests : IClassFixture<MotoClassFixture>
{
    private readonly MotoClassFixture _moto;

    public StackCreateCompleteWaiterWireTests(MotoClassFixture moto) => _moto = moto;

    [Fact]
    public async Task Wait_ForAStackProvisionedWithinThirtySeconds_PollsTwiceThirtySecondsApart()
    {
        var (result, counter, clock) = await CreateAndWaitAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(2, result.Polls);
        Assert.Equal([TimeSpan.FromSeconds(30)], result.DelayList);
        Assert.Equal(TimeSpan.FromSeconds(30), clock.Waited);
        Assert.Equal(2, counter.Calls(CloudFormationClient.ServiceName, "DescribeStacks"));
    }

    [Fact]
    public async Task Wait_ForAStackProvisionedInFortyFiveSeconds_PollsThreeTimesWithAJitteredSecondDelay()
    {
        var (result, counter, _) = await CreateAndWaitAsync(TimeSpan.FromSeconds(45));

        Assert.Equal(3, result.Polls);
        Assert.Equal(TimeSpan.FromSeconds(30), result.DelayList[0]);
        Assert.InRange(result.DelayList[1], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        Assert.Equal(3, counter.Calls(CloudFormationClient.ServiceName, "DescribeStacks"));
    }

    [Fact]
    public async Task Wait_WithoutDelays_BelievesMotoAndPollsOnce()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);
        using var cloudFormation = new CloudFormationClient(aws);
        var timing = WaiterTiming.NoDelays();
        var name = await CreateStackAsync(cloudFormation);

        var result = await new StackCreateCompleteWaiter(cloudFormation, timing).WaitAsync(name, timing.Now, StackCreateCompleteWaiter.DefaultMaxWait, default);

        Assert.Equal(1, result.Polls);
        Assert.Empty(result.DelayList);
    }

    [Fact]
    public async Task Wait_ForAStackThatDoesNotExist_FailsLikeTheWaitersValidationErrorAcceptor()
    {
        using var aws = _moto.Connect();
        using var cloudFormation = new CloudFormationClient(aws);
        var timing = WaiterTiming.NoDelays();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new StackCreateCompleteWaiter(cloudFormation, timing).WaitAsync(MotoClassFixture.Unique("missing"), timing.Now, StackCreateCompleteWaiter.DefaultMaxWait, default));

        Assert.Contains("waiter state transitioned to Failure", error.Message, StringComparison.Ordinal);
    }

    private async Task<(StackWaitResult Result, AwsCallCounter Counter, VirtualClock Clock)> CreateAndWaitAsync(TimeSpan provisioning)
    {
        using var aws = _moto.Connect();
        using var cloudFormation = new CloudFormationClient(aws);
        var name = await CreateStackAsync(cloudFormation);
        var clock = new VirtualClock();
        var timing = new WaiterTiming(provisioning, sleeps: true, clock.DelayAsync, () => clock.Now, new Random(7));
        var counter = new AwsCallCounter();
        using var counted = _moto.Connect(counter);
        using var countedCloudFormation = new CloudFormationClient(counted);

        var result = await new StackCreateCompleteWaiter(countedCloudFormation, timing).WaitAsync(name, clock.Now, StackCreateCompleteWaiter.DefaultMaxWait, default);
        return (result, counter, clock);
    }

    private static async Task<string> CreateStackAsync(CloudFormationClient cloudFormation)
    {
        var name = MotoClassFixture.Unique("waiter");
        await cloudFormation.CreateStackAsync(new CreateStackRequest
        {
            StackName = name,
            TemplateBody = EksctlTemplate.Render("oidc.example/id/1", "arn:aws:iam::123456789012:oidc-provider/oidc.example/id/1", "ns", "sa", [], name),
            Capabilities = ["CAPABILITY_NAMED_IAM"],
        });
        return name;
    }

    /// <summary>Time that passes only when the waiter waits.</summary>
    private sealed class VirtualClock
    {
        public TimeSpan Now { get; private set; }

        public TimeSpan Waited { get; private set; }

        public Task DelayAsync(TimeSpan delay, System.Threading.CancellationToken cancellationToken)
        {
            Now += delay;
            Waited += delay;
            return Task.CompletedTask;
        }
    }
}
