namespace IrsaPS.Core.Errors;

/// <summary>
/// What kind of failure an <see cref="IrsaException"/> is. The module maps each kind to a PowerShell
/// ErrorCategory (InvalidArgument, ObjectNotFound, ResourceExists, PermissionDenied, ...).
/// </summary>
public enum IrsaErrorKind
{
    /// <summary>The caller's input is wrong; nothing was sent anywhere.</summary>
    InvalidArgument,

    /// <summary>A document or response could not be understood (malformed JSON, policy, kubeconfig).</summary>
    InvalidData,

    /// <summary>The named resource does not exist.</summary>
    NotFound,

    /// <summary>The resource already exists and cannot be created again.</summary>
    AlreadyExists,

    /// <summary>The caller's identity is not allowed to do this.</summary>
    PermissionDenied,

    /// <summary>The caller could not be authenticated (no credentials, expired token).</summary>
    AuthenticationFailed,

    /// <summary>A concurrent writer changed the resource; the operation may be retried.</summary>
    Conflict,

    /// <summary>A quota or size limit would be exceeded.</summary>
    LimitExceeded,

    /// <summary>The endpoint could not be reached (DNS, TCP, TLS).</summary>
    ConnectionFailed,

    /// <summary>The operation did not finish in the time allowed.</summary>
    Timeout,

    /// <summary>The requested combination is not supported (e.g. IRSA on an Outposts local cluster).</summary>
    NotSupported,

    /// <summary>The remote service failed in a way none of the other kinds describes.</summary>
    ServiceError,
}
