using System;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Security;

namespace IrsaPS.Core.Kubernetes.Transport;

/// <summary>
/// Turns error answers and transport failures into IrsaPS exceptions with messages that say what happened, to which
/// server, and what to do. The API server's <c>Status</c> object (reason, message) is parsed when it sent one; whatever
/// the server or the network said is redacted before it goes into a message.
/// </summary>
internal static class KubernetesErrors
{
    public static KubernetesApiException FromStatus(KubernetesConnection connection, string method, string path, int statusCode, string? body, string? target, int attempts)
    {
        string? reason = null, message = null;
        try
        {
            using var document = JsonDocument.Parse(body ?? string.Empty);
            reason = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("reason", out var r) ? r.GetString() : null;
            message = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            message = string.IsNullOrWhiteSpace(body) ? null : body.Trim();
        }

        message = message is null ? null : SecretRedactor.Redact(message, 1000);
        var error = new KubernetesApiError(method, path, statusCode, reason, message);
        var said = message ?? $"HTTP {statusCode}";
        var where = $"{method} {path} on {connection.DisplayName}";
        return statusCode switch
        {
            401 => new KubernetesUnauthorizedException(
                $"The Kubernetes API server rejected the credentials ({connection.Authentication}) with 401 Unauthorized for {where}. "
                + "The token may have expired or belong to another cluster; refresh the kubeconfig credentials (e.g. 'aws eks update-kubeconfig') and try again.",
                error,
                target),
            403 => new KubernetesForbiddenException($"Access denied: {said} Ask a cluster administrator for the RBAC permission, or use a context whose user has it.", error, target),
            404 => new KubernetesNotFoundException($"Not found: {said}", error, target),
            409 when reason == "AlreadyExists" => new KubernetesAlreadyExistsException($"Already exists: {said}", error, target),
            409 => new KubernetesConflictException($"Conflict: {said} The object changed while IrsaPS was working on it; run the command again.", error, target),
            410 => new KubernetesApiException(ErrorIds.KubeContinueExpired, IrsaErrorKind.ServiceError, $"The list changed too much while it was read page by page ({said}); run the command again.", error, target),
            422 => new KubernetesInvalidException($"The API server rejected the request as invalid: {said}", error, target),
            429 => new KubernetesApiException(ErrorIds.KubeTooManyRequests, IrsaErrorKind.LimitExceeded, $"The API server is overloaded: {where} was answered 429 Too Many Requests {attempts} time(s). Try again later.", error, target),
            >= 500 => new KubernetesApiException(ErrorIds.KubeServerError, IrsaErrorKind.ServiceError, $"The API server failed: {where} was answered {statusCode} {attempts} time(s); last answer: {said}", error, target),
            _ => new KubernetesApiException(ErrorIds.KubeApiError, IrsaErrorKind.ServiceError, $"The API server answered {statusCode} to {where}: {said}", error, target),
        };
    }

    public static KubernetesConnectionException FromTransport(Exception exception, KubernetesConnection connection, int attempts)
    {
        var server = connection.Server;
        if (Find<AuthenticationException>(exception) is { } tls)
        {
            return new KubernetesConnectionException(
                ErrorIds.KubeTlsFailed,
                IrsaErrorKind.ConnectionFailed,
                $"The TLS connection to the Kubernetes API server {connection.DisplayName} failed: {connection.TlsFailure ?? tls.Message}. Check the kubeconfig's certificate-authority (and tls-server-name) for this cluster.",
                server,
                exception);
        }

        var what = Find<SocketException>(exception)?.SocketErrorCode switch
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
            $"Cannot reach the Kubernetes API server {connection.DisplayName}: {what} (after {attempts} attempt(s)). Check that the cluster is running, that its endpoint is reachable from here, and that the kubeconfig's server URL is right.",
            server,
            exception);
    }

    public static KubernetesConnectionException Timeout(KubernetesConnection connection, KubernetesClientOptions options, string method, string path, int attempts, TimeSpan elapsed) =>
        new(
            ErrorIds.KubeTimeout,
            IrsaErrorKind.Timeout,
            string.Create(
                CultureInfo.InvariantCulture,
                $"The Kubernetes API server {connection.DisplayName} did not answer {method} {path}: {attempts} attempt(s) in {elapsed.TotalSeconds:0.#} s, each waiting up to {options.RequestTimeout.TotalSeconds:0.#} s, all bounded by {options.TotalTimeout.TotalSeconds:0.#} s. "
                + $"Check that {connection.Server.Authority} is the cluster's API endpoint and reachable from here; set {KubernetesClientOptions.TimeoutVariable} (seconds) to wait longer."),
            connection.Server);

    public static bool IsTls(Exception exception) => Find<AuthenticationException>(exception) is not null;

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
}
