using System;
using System.Net;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Kubernetes;

/// <summary>A problem with the connection settings or credentials (kubeconfig, certificate, exec plugin); the message names the file, context or plugin and never a secret.</summary>
internal class KubernetesConfigException(string errorId, IrsaErrorKind kind, string message, string? target = null, Exception? innerException = null)
    : IrsaException(errorId, kind, message, target, innerException);

/// <summary>The API server could not be reached (DNS, TCP, TLS) or did not answer in time. <see cref="IrsaException.Target"/> is the server URL.</summary>
internal class KubernetesConnectionException(string errorId, IrsaErrorKind kind, string message, Uri server, Exception? innerException = null)
    : IrsaException(errorId, kind, message, server.ToString(), innerException)
{
    public Uri Server { get; } = server;
}

/// <summary>The API server answered with an error <c>Status</c>; <see cref="IrsaException.Target"/> is <c>namespace/name</c> or the request path.</summary>
internal class KubernetesApiException(string errorId, IrsaErrorKind kind, string message, KubernetesApiError error, string? target = null)
    : IrsaException(errorId, kind, message, target)
{
    /// <summary>What the server said: HTTP status, <c>Status.reason</c>, <c>Status.message</c>, the request.</summary>
    public KubernetesApiError Error { get; } = error;

    public HttpStatusCode StatusCode => (HttpStatusCode)Error.StatusCode;
}

/// <summary>401: the credentials were not accepted.</summary>
internal sealed class KubernetesUnauthorizedException(string message, KubernetesApiError error, string? target)
    : KubernetesApiException(ErrorIds.KubeUnauthorized, IrsaErrorKind.AuthenticationFailed, message, error, target);

/// <summary>403: the identity may not do this (RBAC).</summary>
internal sealed class KubernetesForbiddenException(string message, KubernetesApiError error, string? target)
    : KubernetesApiException(ErrorIds.KubeForbidden, IrsaErrorKind.PermissionDenied, message, error, target);

/// <summary>404: the object (or its namespace) does not exist.</summary>
internal sealed class KubernetesNotFoundException(string message, KubernetesApiError error, string? target)
    : KubernetesApiException(ErrorIds.KubeNotFound, IrsaErrorKind.NotFound, message, error, target);

/// <summary>409 AlreadyExists: a create found the object already there.</summary>
internal sealed class KubernetesAlreadyExistsException(string message, KubernetesApiError error, string? target)
    : KubernetesApiException(ErrorIds.KubeAlreadyExists, IrsaErrorKind.AlreadyExists, message, error, target);

/// <summary>409 Conflict: the object changed since it was read (stale resourceVersion).</summary>
internal sealed class KubernetesConflictException(string message, KubernetesApiError error, string? target)
    : KubernetesApiException(ErrorIds.KubeConflict, IrsaErrorKind.Conflict, message, error, target);

/// <summary>422: the server rejected the object as invalid.</summary>
internal sealed class KubernetesInvalidException(string message, KubernetesApiError error, string? target)
    : KubernetesApiException(ErrorIds.KubeInvalid, IrsaErrorKind.InvalidArgument, message, error, target);
