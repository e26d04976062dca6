namespace IrsaPS.Core.Aws;

/// <summary>
/// Sees every AWS API call an <see cref="AwsConnection"/> makes: each logical call (one client method) and each
/// HTTP attempt inside it (the SDK retries throttling, 5xx and broken connections). The module turns it into
/// <c>-Verbose</c> lines ("IAM CreateRole app"); benchmarks and tests count calls per operation with
/// <see cref="AwsCallCounter"/>. Called from any thread, possibly concurrently; implementations must be
/// thread-safe and quick. Nothing passed here ever contains credentials, signatures or tokens.
/// </summary>
internal interface IAwsCallObserver
{
    /// <summary>A logical call is about to start.</summary>
    void OnCallStarting(AwsCallStart call);

    /// <summary>One HTTP attempt of a call finished (successfully or not).</summary>
    void OnAttempt(AwsAttempt attempt);

    /// <summary>A logical call finished, after all its attempts.</summary>
    void OnCallCompleted(AwsCallResult call);
}
