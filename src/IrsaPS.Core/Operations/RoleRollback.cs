using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Operations;

/// <summary>
/// New-IrsaRole never leaves a half-built role behind: when it created the role and a later write fails (or the run is
/// stopped), every applied write is taken back in reverse order (inline policies deleted, managed policies detached, the
/// role deleted) and the error says so. If taking back fails too, the error (<c>RoleLeftIncomplete</c>) says exactly what
/// exists and how to finish or remove it. Roles that existed before the call are never rolled back.
/// </summary>
internal static class RoleRollback
{
    /// <summary>How long the rollback may take after the user stopped the run (Ctrl+C cancels the original token).</summary>
    private static readonly TimeSpan StoppedBudget = TimeSpan.FromSeconds(30);

    public static async Task<Exception> UndoAsync(IrsaSession session, string roleName, string roleArn, IReadOnlyList<PlanStep> steps, Exception failure, CancellationToken cancellationToken)
    {
        var applied = steps.Where(s => s.Change.Applied && s.Undo is not null).Reverse().ToList();
        using var budget = new CancellationTokenSource(cancellationToken.IsCancellationRequested ? StoppedBudget : TimeSpan.FromMinutes(2));
        var left = new List<string>();
        foreach (var step in applied)
        {
            try
            {
                session.Host.WriteVerbose($"Rolling back: {step.Change.Description}.");
                await step.Undo!(budget.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                left.AddRange(applied.SkipWhile(s => s != step).Select(s => s.Change.Description));
                session.Host.WriteVerbose($"Rolling back '{step.Change.Description}' failed: {ex.Message}");
                break;
            }
        }

        var failed = steps.FirstOrDefault(s => !s.Change.Applied)?.Change.Description ?? "a write";
        var reason = failure is OperationCanceledException ? "the run was stopped" : failure.Message;
        if (left.Count == 0)
        {
            var message = $"Role '{roleName}' was not created: {failed} failed ({reason}). The writes already made were taken back, so nothing is left behind.";
            return failure is IrsaException irsa
                ? new IrsaException(irsa.ErrorId, irsa.Kind, message, irsa.Target ?? roleArn, failure)
                : failure is OperationCanceledException ? failure : new InvalidOperationException(message, failure);
        }

        return new IrsaException(
            ErrorIds.RoleLeftIncomplete,
            failure is IrsaException inner ? inner.Kind : IrsaErrorKind.ServiceError,
            $"Role '{roleName}' is incomplete: {failed} failed ({reason}), and taking the call back failed too. What exists now: {string.Join("; ", left)}. "
            + $"Run the same New-IrsaRole again to finish it, or Remove-IrsaRole -RoleName {roleName} to remove it.",
            roleArn,
            failure);
    }
}
