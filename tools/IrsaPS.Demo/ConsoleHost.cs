using System;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Demo;

/// <summary>Prints what a PowerShell session would show: warnings, and each write with its target (as -Verbose would).</summary>
internal sealed class ConsoleHost : IOperationHost
{
    private readonly object _gate = new();

    public bool ShowVerbose { get; init; }

    public void WriteVerbose(string message)
    {
        if (ShowVerbose)
        {
            Write(ConsoleColor.DarkGray, "VERBOSE: " + message);
        }
    }

    public void WriteWarning(string message) => Write(ConsoleColor.Yellow, "WARNING: " + message);

    public void WriteProgress(OperationProgress progress)
    {
    }

    public bool ShouldProcess(string target, string action, string? detail, bool highImpact)
    {
        Write(ConsoleColor.Cyan, $"  write: {action} [{target}]{(highImpact ? " (high impact)" : string.Empty)}");
        return true;
    }

    private void Write(ConsoleColor color, string text)
    {
        lock (_gate)
        {
            var previous = Console.ForegroundColor;
            Console.ForegroundColor = color;
            Console.WriteLine(text);
            Console.ForegroundColor = previous;
        }
    }
}
