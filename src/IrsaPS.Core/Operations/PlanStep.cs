using System;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Operations;

/// <summary>One write of a plan: the change as shown to the user, and how to apply it.</summary>
internal sealed class PlanStep
{
    public PlanStep(IrsaChange change, Func<CancellationToken, Task> apply, bool stopIfDeclined = false, Func<CancellationToken, Task>? undo = null)
    {
        Change = change;
        Apply = apply;
        StopIfDeclined = stopIfDeclined;
        Undo = undo;
    }

    public IrsaChange Change { get; }

    public Func<CancellationToken, Task> Apply { get; }

    /// <summary>When this step is declined the rest cannot run (e.g. nothing can be attached to a role that was not created).</summary>
    public bool StopIfDeclined { get; }

    /// <summary>How to take the write back when a later step of a role this call created fails (see <see cref="RoleRollback"/>).</summary>
    public Func<CancellationToken, Task>? Undo { get; }
}
