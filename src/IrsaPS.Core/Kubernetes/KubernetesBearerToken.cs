using System;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// A bearer token for the API server and when it stops being valid. The value is a secret:
/// <see cref="ToString"/> never shows it, and nothing in IrsaPS logs it.
/// </summary>
public sealed class KubernetesBearerToken
{
    public KubernetesBearerToken(string value, DateTimeOffset? expiresAt)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException("A bearer token cannot be empty.", nameof(value));
        }

        Value = value;
        ExpiresAt = expiresAt;
    }

    /// <summary>The token itself. Secret.</summary>
    public string Value { get; }

    /// <summary>When the token expires; null when unknown (then it is used until the server rejects it).</summary>
    public DateTimeOffset? ExpiresAt { get; }

    public override string ToString() =>
        ExpiresAt is { } expires ? $"bearer token (redacted), expires {expires:u}" : "bearer token (redacted)";
}
