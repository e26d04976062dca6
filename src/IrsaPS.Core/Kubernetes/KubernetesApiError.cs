namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// An error answer of the API server, from its <c>Status</c> object when it sent one.
/// <see cref="Reason"/> is the machine-readable <c>Status.reason</c> (<c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>...),
/// <see cref="Message"/> the server's own sentence. Never holds request or response secrets.
/// </summary>
internal sealed record KubernetesApiError(string Method, string Path, int StatusCode, string? Reason, string? Message)
{
    /// <summary>Retry-After the server asked for, when it did.</summary>
    public System.TimeSpan? RetryAfter { get; init; }
}
