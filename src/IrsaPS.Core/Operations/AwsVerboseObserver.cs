using IrsaPS.Core.Aws;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Turns AWS call events into -Verbose lines ("IAM CreateRole app", "retrying IAM GetRole after Throttling") and passes
/// every event on to the caller's own observer (benchmarks count calls). Events carry no secrets.
/// </summary>
internal sealed class AwsVerboseObserver : IAwsCallObserver
{
    private readonly IOperationHost _host;
    private readonly IAwsCallObserver? _inner;

    public AwsVerboseObserver(IOperationHost host, IAwsCallObserver? inner)
    {
        _host = host;
        _inner = inner;
    }

    public void OnCallStarting(AwsCallStart call)
    {
        _host.WriteVerbose(call.ToString());
        _inner?.OnCallStarting(call);
    }

    public void OnAttempt(AwsAttempt attempt)
    {
        if (!attempt.Succeeded)
        {
            _host.WriteVerbose("  attempt " + attempt);
        }

        _inner?.OnAttempt(attempt);
    }

    public void OnCallCompleted(AwsCallResult call) => _inner?.OnCallCompleted(call);
}
