using System;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Auth;

namespace IrsaPS.Core.Kubernetes.Transport;

/// <summary>
/// Turns error answers and transport failures into IrsaPS exceptions with messages that say what happened, to which
/// server, and what to do. The API server's <c>Status</c> object (reason, message) is parsed when it sent one.
/// </summary>
internal static class KubernetesErrors
{
    public static KubernetesApiError ParseStatus(string method, string path, int statusCode, byte[] body, TimeSpan? retryAfter)
    {
        string? reason = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                reason = GetString(root, "reason");
                message = GetString(root, "message");
            }
        }
        catch (JsonException)
        {
            var text = Encoding.UTF8.GetString(body).Trim();
            message = text.Length == 0 ? null : text;
        }

        message = message is null ? null : SecretRedactor.Redact(message, 1000);
        return new KubernetesApiError(method, path, statusCode, reason, message) { RetryAfter = retryAfter };
    }

    public static KubernetesApiException FromStatus(KubernetesApiError error, string? target, KubernetesConnection connection, int attempts)
    {
        var said = error.Message ?? $"HTTP {error.StatusCode}";
        var where = $"{error.Method} {error.Path} on {connection.DisplayName}";
        switch (error.StatusCode)
        {
            case 401:
                return new KubernetesUnauthorizedException(
                    $"The Kubernetes API server rejected the credentials ({connection.Authentication}) with 401 Unauthorized for {where}. "
                    + "The token may have expired or belong to another cluster; refresh the kubeconfig credentials (e.g. 'aws eks update-kubeconfig') and try again.",
                    error,
                    target);
            case 403:
                return new KubernetesForbiddenException(
                    $"Access denied: {said} Ask a cluster administrator for the RBAC permission, or use a context whose user has it.",
                    error,
                    target);
            case 404:
                return new KubernetesNotFoundException($"Not found: {said}", error, target);
            case 409 when error.Reason == "AlreadyExists":
                return new KubernetesAlreadyExistsException($"Already exists: {said}", error, target);
            case 409:
                return new KubernetesConflictException(
                    $"Conflict: {said} The object changed while IrsaPS was working on it; run the command again.",
                    error,
                    target);
            case 410:
                return new KubernetesApiException(
                    ErrorIds.KubeContinueExpired,
                    IrsaErrorKind.ServiceError,
                    $"The list changed too much while it was read page by page ({said}); run the command again.",
                    error,
                    target);
            case 422:
                return new KubernetesInvalidException($"The API server rejected the request as invalid: {said}", error, target);
            case 429:
                return new KubernetesApiException(
                    ErrorIds.KubeTooManyRequests,
                    IrsaErrorKind.LimitExceeded,
                    $"The API server is overloaded: {where} was answered 429 Too Many Requests {attempts} time(s). Try again later.",
                    error,
                    target);
            case >= 500:
                return new KubernetesApiException(
                    ErrorIds.KubeServerError,
                    IrsaErrorKind.ServiceError,
                    $"The API server failed: {where} was answered {error.StatusCode} {attempts} time(s); last answer: {said}",
                    error,
                    target);
            default:
                return new KubernetesApiException(
                    ErrorIds.KubeApiError,
                    IrsaErrorKind.ServiceError,
                    $"The API server answered {error.StatusCode} to {where}: {said}",
                    error,
                    target);
        }
    }

    public static KubernetesConnectionException FromTransport(Exception exception, KubernetesConnection connection, string? tlsFailure, int attempts)
    {
        var server = connection.Server;
        var name = connection.DisplayName;
        if (Find<AuthenticationException>(exception) is { } authentication)
        {
            var reason = tlsFailure ?? authentication.Message;
            return new KubernetesConnectionException(
                ErrorIds.KubeTlsFailed,
                IrsaErrorKind.ConnectionFailed,
                $"The TLS connection to the Kubernetes API server {name} failed: {reason}.",
                server,
                exception);
        }

        var socket = Find<SocketException>(exception);
        var what = socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "the connection was refused (nothing listens on that address and port)",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"the host name '{server.Host}' could not be resolved",
            SocketError.TimedOut => "the connection timed out",
            SocketError.ConnectionReset or SocketError.ConnectionAborted => "the connection was reset",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the network or host is unreachable",
            _ => SecretRedactor.Redact(exception.GetBaseException().Message, 300),
        };
        return new KubernetesConnectionException(
            ErrorIds.KubeConnectionFailed,
            IrsaErrorKind.ConnectionFailed,
            $"Cannot reach the Kubernetes API server {name}: {what} (after {attempts} attempt(s)). Check that the cluster is running, that its endpoint is reachable from here, and that the kubeconfig's server URL is right.",
            server,
            exception);
    }

    public static KubernetesConnectionException Timeout(KubernetesConnection connection, TimeSpan timeout, string method, string path, int attempts) =>
        new(
            ErrorIds.KubeTimeout,
            IrsaErrorKind.Timeout,
            $"The Kubernetes API server {connection.DisplayName} did not answer {method} {path} within {timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s ({attempts} attempt(s)).",
            connection.Server);

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
