namespace IrsaPS.Core.Aws.Runtime;

/// <summary>The observer of a connection nobody watches.</summary>
internal sealed class NullCallObserver : IAwsCallObserver
{
    public static readonly NullCallObserver Instance = new();

    public void OnCallStarting(AwsCallStart call)
    {
    }

    public void OnAttempt(AwsAttempt attempt)
    {
    }

    public void OnCallCompleted(AwsCallResult call)
    {
    }
}
