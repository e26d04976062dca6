using System;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// A bearer token for the API server and when it stops being valid (<see cref="ExpiresAt"/> null: unknown, so it is
/// used until the server rejects it). The value is a secret: <see cref="ToString"/> never shows it, and nothing in
/// IrsaPS logs it.
/// </summary>
internal sealed record KubernetesBearerToken(string Value, DateTimeOffset? ExpiresAt)
{
    /// <summary>The token itself. Secret.</summary>
    public string Value { get; } = string.IsNullOrEmpty(Value) ? throw new ArgumentException("A bearer token cannot be empty.", nameof(Value)) : Value;

    public override string ToString() =>
        ExpiresAt is { } expires ? $"bearer token (redacted), expires {expires:u}" : "bearer token (redacted)";
}
