using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>An IAM OIDC identity provider (the trust anchor of IRSA in an account).</summary>
public sealed class IrsaOidcProvider
{
    public string Arn { get; init; } = string.Empty;

    /// <summary>The issuer URL (https://host/path).</summary>
    public string Url { get; init; } = string.Empty;

    public string AccountId { get; init; } = string.Empty;

    /// <summary>The cluster this provider belongs to, when known.</summary>
    public string? ClusterName { get; init; }

    public IReadOnlyList<string> ClientIds { get; init; } = [];

    public IReadOnlyList<string> Thumbprints { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? CreateDate { get; init; }

    /// <summary>What this call changed (empty when the provider already was as asked).</summary>
    public IReadOnlyList<IrsaChange> Changes { get; init; } = [];

    public override string ToString() => Arn;
}
