using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>A host that records every call (thread-safe) and answers ShouldProcess with <see cref="Answer"/>.</summary>
internal sealed class RecordingOperationHost : IOperationHost
{
    public ConcurrentQueue<string> Verbose { get; } = new();

    public ConcurrentQueue<string> Warnings { get; } = new();

    public ConcurrentQueue<OperationProgress> Progress { get; } = new();

    public ConcurrentQueue<(string Target, string Action, string? Detail, bool HighImpact)> Questions { get; } = new();

    public bool Answer { get; set; } = true;

    public void WriteVerbose(string message) => Verbose.Enqueue(message);

    public void WriteWarning(string message) => Warnings.Enqueue(message);

    public void WriteProgress(OperationProgress progress) => Progress.Enqueue(progress);

    public bool ShouldProcess(string target, string action, string? detail, bool highImpact)
    {
        Questions.Enqueue((target, action, detail, highImpact));
        return Answer;
    }

    /// <summary>The reports of one activity, in order.</summary>
    public List<OperationProgress> ProgressOf(int activityId) => Progress.Where(p => p.ActivityId == activityId).ToList();
}
