using System.Collections.Generic;
using System.Text;
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

    /// <summary>
    /// Applies every step after ONE confirmation that names the target and lists every write (for what belongs together:
    /// deleting a role with everything attached to it, creating a role with its policies). -WhatIf shows that one list
    /// and writes nothing; "No" writes nothing. Returns false when declined.
    /// </summary>
    public static async Task<bool> RunAsOneAsync(
        IOperationHost host, string target, string action, string? intro, IReadOnlyList<PlanStep> steps, bool highImpact, CancellationToken cancellationToken)
    {
        if (!host.ShouldProcess(target, action, Describe(intro, steps), highImpact))
        {
            return false;
        }

        try
        {
            for (var index = 0; index < steps.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = steps[index];
                host.WriteProgress(new OperationProgress(
                    ProgressActivities.ApplyChanges,
                    Activity,
                    string.Format(CultureInfo.InvariantCulture, "{0} of {1}: {2}", index + 1, steps.Count, step.Change.Description),
                    index * 100 / steps.Count));
                host.WriteVerbose(step.Change.Description + ".");
                await step.Apply(cancellationToken).ConfigureAwait(false);
                step.Change.Applied = true;
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

    /// <summary>The confirmation text: the intro, then every write numbered, each with its detail indented under it.</summary>
    internal static string Describe(string? intro, IReadOnlyList<PlanStep> steps)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(intro))
        {
            text.AppendLine(intro);
        }

        text.Append(string.Format(CultureInfo.InvariantCulture, "{0} write(s):", steps.Count));
        for (var index = 0; index < steps.Count; index++)
        {
            var change = steps[index].Change;
            text.AppendLine().Append(string.Format(CultureInfo.InvariantCulture, "  {0}. {1}: {2}", index + 1, change.Action, change.Description));
            if (!string.IsNullOrEmpty(change.Detail))
            {
                foreach (var line in change.Detail!.Split('\n'))
                {
                    text.AppendLine().Append("       ").Append(line.TrimEnd('\r'));
                }
            }
        }

        return text.ToString();
    }
}
