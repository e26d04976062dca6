namespace IrsaPS.Core.Aws;

/// <summary>
/// An <see cref="IAwsCallObserver"/> that also wants to know when a call is about to be retried, and after how long a
/// wait (the module shows it as progress: "IAM GetRole: attempt 2 of 8 in 1.3 s after Throttling"). Optional: the retry
/// policy tells the connection's observer when it implements this interface.
/// </summary>
internal interface IAwsRetryObserver
{
    /// <summary>A failed attempt will be retried after <see cref="AwsRetry.Delay"/>.</summary>
    void OnRetrying(AwsRetry retry);
}
