using System.Threading;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// The logical call in progress on this async flow, so the attempt handler deep in the SDK pipeline can count
/// attempts for the call that started them. Flows with the ExecutionContext into the SDK's awaits.
/// </summary>
internal sealed class AwsCallScope
{
    private static readonly AsyncLocal<AwsCallScope?> CurrentScope = new();
    private int _attempts;
    private int? _lastStatus;

    public static AwsCallScope? Current => CurrentScope.Value;

    public int Attempts => Volatile.Read(ref _attempts);

    public int? LastStatusCode => _lastStatus;

    /// <summary>Starts a scope on the current flow and returns it; <see cref="End"/> restores the previous one.</summary>
    public static AwsCallScope Begin(out AwsCallScope? previous)
    {
        previous = CurrentScope.Value;
        var scope = new AwsCallScope();
        CurrentScope.Value = scope;
        return scope;
    }

    public static void End(AwsCallScope? previous) => CurrentScope.Value = previous;

    public int RecordAttempt(int? statusCode)
    {
        _lastStatus = statusCode;
        return Interlocked.Increment(ref _attempts);
    }
}
