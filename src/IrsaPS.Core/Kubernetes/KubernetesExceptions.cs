using System;
using System.Net;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// A problem with the Kubernetes connection settings or credentials: a malformed kubeconfig, an unreadable
/// certificate, an exec plugin that failed. Messages name the file, context or plugin and never carry a secret.
/// </summary>
public class KubernetesConfigException : IrsaException
{
    public KubernetesConfigException(string errorId, IrsaErrorKind kind, string message, string? target = null, Exception? innerException = null)
        : base(errorId, kind, message, target, innerException)
    {
    }
}

/// <summary>The API server could not be reached (DNS, TCP, TLS) or did not answer in time. <see cref="IrsaException.Target"/> is the server URL.</summary>
public class KubernetesConnectionException : IrsaException
{
    public KubernetesConnectionException(string errorId, IrsaErrorKind kind, string message, Uri server, Exception? innerException = null)
        : base(errorId, kind, message, server.ToString(), innerException)
    {
        Server = server;
    }

    /// <summary>The API server the request was for.</summary>
    public Uri Server { get; }
}

/// <summary>
/// The API server answered with an error <c>Status</c>. Subclasses name the cases callers handle
/// (401, 403, 404, 409 AlreadyExists, 409 Conflict, 422). <see cref="IrsaException.Target"/> is <c>namespace/name</c>
/// or the request path.
/// </summary>
public class KubernetesApiException : IrsaException
{
    public KubernetesApiException(string errorId, IrsaErrorKind kind, string message, KubernetesApiError error, string? target = null)
        : base(errorId, kind, message, target)
    {
        Error = error;
    }

    /// <summary>What the server said: HTTP status, <c>Status.reason</c>, <c>Status.message</c>, the request.</summary>
    public KubernetesApiError Error { get; }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)Error.StatusCode;
}

/// <summary>401: the credentials were not accepted (unknown or expired token, wrong client certificate).</summary>
public sealed class KubernetesUnauthorizedException : KubernetesApiException
{
    public KubernetesUnauthorizedException(string message, KubernetesApiError error, string? target)
        : base(ErrorIds.KubeUnauthorized, IrsaErrorKind.AuthenticationFailed, message, error, target)
    {
    }
}

/// <summary>403: the identity is known but may not do this (RBAC).</summary>
public sealed class KubernetesForbiddenException : KubernetesApiException
{
    public KubernetesForbiddenException(string message, KubernetesApiError error, string? target)
        : base(ErrorIds.KubeForbidden, IrsaErrorKind.PermissionDenied, message, error, target)
    {
    }
}

/// <summary>404: the object (or its namespace) does not exist.</summary>
public sealed class KubernetesNotFoundException : KubernetesApiException
{
    public KubernetesNotFoundException(string message, KubernetesApiError error, string? target)
        : base(ErrorIds.KubeNotFound, IrsaErrorKind.NotFound, message, error, target)
    {
    }
}

/// <summary>409 with reason <c>AlreadyExists</c>: a create found the object already there.</summary>
public sealed class KubernetesAlreadyExistsException : KubernetesApiException
{
    public KubernetesAlreadyExistsException(string message, KubernetesApiError error, string? target)
        : base(ErrorIds.KubeAlreadyExists, IrsaErrorKind.AlreadyExists, message, error, target)
    {
    }
}

/// <summary>409 with reason <c>Conflict</c>: the object changed since it was read (stale resourceVersion). Read it again and retry.</summary>
public sealed class KubernetesConflictException : KubernetesApiException
{
    public KubernetesConflictException(string message, KubernetesApiError error, string? target)
        : base(ErrorIds.KubeConflict, IrsaErrorKind.Conflict, message, error, target)
    {
    }
}

/// <summary>422: the server rejected the object as invalid (e.g. a malformed annotation key).</summary>
public sealed class KubernetesInvalidException : KubernetesApiException
{
    public KubernetesInvalidException(string message, KubernetesApiError error, string? target)
        : base(ErrorIds.KubeInvalid, IrsaErrorKind.InvalidArgument, message, error, target)
    {
    }
}
