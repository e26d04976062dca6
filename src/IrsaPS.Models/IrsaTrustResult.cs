using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>
/// The verdict of Test-IrsaTrust for one service account and role: whether the token this pod would carry
/// (<see cref="Subject"/>, <see cref="Audience"/>, issued by <see cref="Issuer"/>) may assume <see cref="RoleArn"/>,
/// which statement decided, and every reason it fails with its fix. <see cref="Allowed"/> is true only when the trust
/// policy allows the token, the OIDC provider exists and lists the audience, nothing stayed unverified and, with -Live,
/// AWS agreed.
/// </summary>
public sealed class IrsaTrustResult
{
    public bool Allowed { get; init; }

    public string? ClusterName { get; init; }

    public string Namespace { get; init; } = string.Empty;

    public string ServiceAccountName { get; init; } = string.Empty;

    /// <summary>The role tested: -RoleArn, else the service account's annotation; null when there is neither.</summary>
    public string? RoleArn { get; init; }

    public string? RoleName { get; init; }

    /// <summary><c>system:serviceaccount:&lt;ns&gt;:&lt;sa&gt;</c>.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>The token audience: <c>eks.amazonaws.com/audience</c>, else <c>sts.amazonaws.com</c>.</summary>
    public string Audience { get; init; } = string.Empty;

    /// <summary>The cluster's issuer URL; null when the cluster has none.</summary>
    public string? Issuer { get; init; }

    /// <summary>The IAM OIDC provider ARN the token is checked against (in the role's account).</summary>
    public string? OidcProviderArn { get; init; }

    /// <summary>The engine's decision (Allowed, ExplicitDeny, ImplicitDeny, Undetermined); null when the trust was not evaluated.</summary>
    public string? Decision { get; init; }

    /// <summary>The statement that decided, readable: <c>statement 0 (Sid "Irsa", Allow)</c>; null when none did.</summary>
    public string? DecidingStatement { get; init; }

    /// <summary>Every reason (failures first), each with its fix.</summary>
    public IReadOnlyList<IrsaTrustReason> Reasons { get; init; } = [];

    /// <summary>The engine's explanation of every statement (multi-line); null when the trust was not evaluated.</summary>
    public string? Explanation { get; init; }

    /// <summary>The live proof, when -Live was asked.</summary>
    public IrsaLiveTrustResult? Live { get; init; }

    public override string ToString() =>
        $"{Namespace}/{ServiceAccountName} -> {RoleArn ?? "(no role)"}: {(Allowed ? "Allowed" : "Denied")}";
}
