using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>One ShouldProcess question as the host saw it.</summary>
public sealed record Question(string Target, string Action, string? Detail, bool HighImpact, bool Answer);

/// <summary>
/// The cmdlet stand-in for core tests: records what would be written to the verbose, warning and progress streams
/// and every "should I?" question, and answers them with <see cref="Answer"/> (yes by default; <see cref="WhatIf"/>
/// answers no to everything, as -WhatIf does).
/// </summary>
public sealed class RecordingHost : IOperationHost
{
    public ConcurrentQueue<string> Verbose { get; } = new();

    public ConcurrentQueue<string> Warnings { get; } = new();

    public ConcurrentQueue<OperationProgress> Progress { get; } = new();

    public ConcurrentQueue<Question> Questions { get; } = new();

    public Func<string, string, bool, bool> Answer { get; set; } = (_, _, _) => true;

    public static RecordingHost WhatIf() => new() { Answer = (_, _, _) => false };

    public void WriteVerbose(string message) => Verbose.Enqueue(message);

    public void WriteWarning(string message) => Warnings.Enqueue(message);

    public void WriteProgress(OperationProgress progress) => Progress.Enqueue(progress);

    public bool ShouldProcess(string target, string action, string? detail, bool highImpact)
    {
        var answer = Answer(target, action, highImpact);
        Questions.Enqueue(new Question(target, action, detail, highImpact, answer));
        return answer;
    }

    public IReadOnlyList<Question> Asked => Questions.ToList();

    /// <summary>Every text the host received, to check that no secret leaked into any of them.</summary>
    public string AllText => string.Join("\n", Verbose.Concat(Warnings).Concat(Questions.Select(q => q.Target + " " + q.Action + " " + q.Detail)));
}
