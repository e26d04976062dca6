namespace IrsaPS.Core.Hosting;

/// <summary>A host that shows nothing and agrees to every write: for scripts, the sandbox CLI and benchmarks.</summary>
public sealed class SilentHost : IOperationHost
{
    public static readonly SilentHost Instance = new();

    public void WriteVerbose(string message)
    {
    }

    public void WriteWarning(string message)
    {
    }

    public void WriteProgress(OperationProgress progress)
    {
    }

    public bool ShouldProcess(string target, string action, string? detail, bool highImpact) => true;
}
