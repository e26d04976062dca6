using System;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>An API error the stand-in answers with a <c>Status</c> object, as the real API server does.</summary>
public sealed class KubeStatusException : Exception
{
    public KubeStatusException(int code, string reason, string message, string? name = null, string? kind = null, string? retryAfterSeconds = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Name = name;
        Kind = kind;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public int Code { get; }

    public string Reason { get; }

    public string? Name { get; }

    public string? Kind { get; }

    public string? RetryAfterSeconds { get; }

    public static KubeStatusException NotFound(string resource, string name) =>
        new(404, "NotFound", $"{resource} \"{name}\" not found", name, resource);

    public static KubeStatusException AlreadyExists(string resource, string name) =>
        new(409, "AlreadyExists", $"{resource} \"{name}\" already exists", name, resource);

    public static KubeStatusException Conflict(string resource, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", name, resource);

    public static KubeStatusException Invalid(string kind, string name, string detail) =>
        new(422, "Invalid", $"{kind} \"{name}\" is invalid: {detail}", name, kind);

    public static KubeStatusException BadRequest(string message) => new(400, "BadRequest", message);
}
