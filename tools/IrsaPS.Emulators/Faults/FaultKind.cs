namespace IrsaPS.Emulators.Faults;

/// <summary>What the proxy does to a request it picks.</summary>
public enum FaultKind
{
    /// <summary>Throttling: Query protocol (IAM, STS) HTTP 400 <c>Throttling</c>; REST-JSON (EKS) HTTP 429 <c>ThrottlingException</c>.</summary>
    Throttle,

    /// <summary>HTTP 500 (<c>ServiceFailure</c> / <c>ServerException</c>).</summary>
    ServerError,

    /// <summary>HTTP 503 (<c>ServiceUnavailable</c> / <c>ServiceUnavailableException</c>).</summary>
    ServiceUnavailable,

    /// <summary>The connection is aborted without an answer.</summary>
    ConnectionReset,

    /// <summary>The answer is delayed by <see cref="FaultPlan.Latency"/> (the request still succeeds).</summary>
    Latency,

    /// <summary>
    /// IAM's eventual consistency: HTTP 404 <c>NoSuchEntity</c> (EKS: <c>ResourceNotFoundException</c>) for an entity that
    /// exists, as IAM answers for a few seconds after a role or provider is created. Use it in rules, not random plans.
    /// </summary>
    NotYetVisible,

    /// <summary>
    /// HTTP 403: the caller may not do this. Query protocol <c>AccessDenied</c> (EC2: <c>UnauthorizedOperation</c> in EC2's
    /// error shape), REST-JSON <c>AccessDeniedException</c>. Use it in rules, not random plans.
    /// </summary>
    AccessDenied,
}

/// <summary>When the fault happens.</summary>
public enum FaultPhase
{
    /// <summary>Instead of forwarding: the request never reaches the emulator.</summary>
    BeforeForward,

    /// <summary>After the emulator processed the request: the write happened, but its answer is lost or replaced.</summary>
    AfterForward,
}
