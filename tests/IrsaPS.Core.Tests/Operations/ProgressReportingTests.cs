using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>Plans report "step i of n" and always complete their progress, also when declined or failing.</summary>
public class ProgressReportingTests
{
    private static PlanStep Step(string description, Func<CancellationToken, Task>? apply = null, bool stopIfDeclined = false) =>
        new(new IrsaChange { Action = "Test", Target = "arn:aws:iam::123456789012:role/app", Description = description }, apply ?? (_ => Task.CompletedTask), stopIfDeclined);

    [Fact]
    public async Task EachStepIsReportedThenTheActivityCompletes()
    {
        var host = new RecordingOperationHost();
        var steps = new[] { Step("create"), Step("attach"), Step("tag"), Step("describe") };

        Assert.True(await PlanRunner.RunAsync(host, steps, CancellationToken.None));

        var reports = host.ProgressOf(ProgressActivities.ApplyChanges);
        Assert.Equal(5, reports.Count);
        Assert.Equal(["1 of 4: create", "2 of 4: attach", "3 of 4: tag", "4 of 4: describe"], reports.Take(4).Select(r => r.Status));
        Assert.Equal([0, 25, 50, 75], reports.Take(4).Select(r => r.PercentComplete));
        Assert.All(reports.Take(4), r => Assert.False(r.Completed));
        Assert.True(reports[^1].Completed);
        Assert.All(steps, s => Assert.True(s.Change.Applied));
    }

    [Fact]
    public async Task AFailingStepStillCompletesTheProgress()
    {
        var host = new RecordingOperationHost();
        var steps = new[] { Step("create"), Step("attach", _ => throw new InvalidOperationException("boom")), Step("tag") };

        await Assert.ThrowsAsync<InvalidOperationException>(() => PlanRunner.RunAsync(host, steps, CancellationToken.None));

        var reports = host.ProgressOf(ProgressActivities.ApplyChanges);
        Assert.True(reports[^1].Completed);
        Assert.Equal(2, reports.Count(r => !r.Completed));
        Assert.False(steps[2].Change.Applied);
    }

    [Fact]
    public async Task DeclinedPlansCompleteTheProgressAndApplyNothing()
    {
        var host = new RecordingOperationHost { Answer = false };
        var steps = new[] { Step("create", stopIfDeclined: true), Step("attach") };

        Assert.False(await PlanRunner.RunAsync(host, steps, CancellationToken.None));

        Assert.Single(host.Questions);
        Assert.True(host.ProgressOf(ProgressActivities.ApplyChanges)[^1].Completed);
        Assert.All(steps, s => Assert.False(s.Change.Applied));
    }

    [Fact]
    public async Task AnEmptyPlanReportsNothing()
    {
        var host = new RecordingOperationHost();
        Assert.True(await PlanRunner.RunAsync(host, [], CancellationToken.None));
        Assert.Empty(host.Progress);
    }
}
