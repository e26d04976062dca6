using System;
using System.Security.Cryptography.X509Certificates;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// What authenticates one request: a bearer token, a client certificate, or basic credentials (or nothing).
/// Immutable; providers hand out a new one when they refresh.
/// </summary>
internal sealed class KubernetesCredential
{
    public static readonly KubernetesCredential Anonymous = new();

    /// <summary>The <c>Authorization: Bearer</c> token. Secret.</summary>
    public string? BearerToken { get; init; }

    /// <summary>The base64 <c>user:password</c> for <c>Authorization: Basic</c>. Secret.</summary>
    public string? BasicAuth { get; init; }

    /// <summary>A client certificate with its private key, for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>When this credential stops being valid; null when unknown.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    public override string ToString() =>
        BearerToken is not null ? "bearer token (redacted)"
        : ClientCertificate is not null ? "client certificate " + ClientCertificate.Subject
        : BasicAuth is not null ? "basic credentials (redacted)"
        : "anonymous";
}
