using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Applies a plan step by step, asking the host right before each write (ShouldProcess with the ARN or
/// namespace/name as target and the exact change as detail). -WhatIf answers no to every step, so nothing is written
/// and every step is shown.
/// </summary>
internal static class PlanRunner
{
    /// <summary>Returns false when a step that others depend on was declined (the rest were not run).</summary>
    public static async Task<bool> RunAsync(IOperationHost host, IReadOnlyList<PlanStep> steps, CancellationToken cancellationToken)
    {
        var stopped = false;
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var change = step.Change;
            if (stopped)
            {
                continue;
            }

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

        return !stopped;
    }
}
