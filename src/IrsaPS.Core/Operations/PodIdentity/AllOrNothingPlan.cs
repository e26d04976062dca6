using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>
/// Runs the steps of a Pod Identity stage as one unit: every step is shown and confirmed first (so -WhatIf shows the
/// whole plan, each step with its exact change), and the steps are applied, in order, only when all were confirmed. A
/// "No" to any step applies none of them: a stage never leaves a service account half-moved (e.g. an association whose
/// role does not trust Pod Identity, or IRSA's annotations removed without an association).
/// </summary>
internal static class AllOrNothingPlan
{
    private const string Activity = "Applying changes";

    /// <summary>True when every step was confirmed and applied; false when any was declined (none applied).</summary>
    public static async Task<bool> RunAsync(IOperationHost host, IReadOnlyList<PlanStep> steps, CancellationToken cancellationToken)
    {
        var confirmed = true;
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!host.ShouldProcess(step.Change.Target, step.Change.Description, step.Change.Detail, step.Change.HighImpact))
            {
                confirmed = false;
            }
        }

        if (!confirmed)
        {
            return false;
        }

        try
        {
            for (var index = 0; index < steps.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var change = steps[index].Change;
                host.WriteProgress(new OperationProgress(
                    ProgressActivities.ApplyChanges,
                    Activity,
                    string.Format(CultureInfo.InvariantCulture, "{0} of {1}: {2}", index + 1, steps.Count, change.Description),
                    index * 100 / steps.Count));
                await steps[index].Apply(cancellationToken).ConfigureAwait(false);
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

        return true;
    }
}
