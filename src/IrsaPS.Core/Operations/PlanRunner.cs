using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Applies a plan step by step, asking the host right before each write (ShouldProcess with the ARN or
/// namespace/name as target and the exact change as detail). -WhatIf answers no to every step, so nothing is written
/// and every step is shown. Progress reports "step i of n" and is always completed, also when a step fails.
/// </summary>
internal static class PlanRunner
{
    private const string Activity = "Applying changes";

    /// <summary>Returns false when a step that others depend on was declined (the rest were not run).</summary>
    public static async Task<bool> RunAsync(IOperationHost host, IReadOnlyList<PlanStep> steps, CancellationToken cancellationToken)
    {
        var stopped = false;
        try
        {
            for (var index = 0; index < steps.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = steps[index];
                var change = step.Change;
                if (stopped)
                {
                    continue;
                }

                host.WriteProgress(new OperationProgress(
                    ProgressActivities.ApplyChanges,
                    Activity,
                    string.Format(CultureInfo.InvariantCulture, "{0} of {1}: {2}", index + 1, steps.Count, change.Description),
                    index * 100 / steps.Count));
                if (!host.ShouldProcess(change.Target, change.Description, change.Detail, change.HighImpact))
                {
                    if (step.StopIfDeclined)
                    {
                        stopped = true;
                    }

                    continue;
                }

                await step.Apply(cancellationToken).ConfigureAwait(false);
                change.Applied = true;
            }
        }
        finally
        {
            if (steps.Count > 0)
            {
                host.WriteProgress(OperationProgress.Complete(ProgressActivities.ApplyChanges, Activity));
            }
        }

        return !stopped;
    }
}
