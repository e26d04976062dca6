using System;

namespace IrsaPS.Core.Aws;

/// <summary>
/// A bearer token for an EKS cluster's API server (what <c>aws eks get-token</c> prints). The presigned URL inside
/// lives 60 s for signing purposes, but EKS accepts the token for about 15 minutes after <see cref="SignedAt"/>;
/// <see cref="ExpiresAt"/> is 14 minutes after signing, when kubectl stops reusing it. <see cref="ToString"/>
/// never shows the token.
/// </summary>
internal sealed class EksToken
{
    public EksToken(string clusterName, string token, DateTime signedAt, DateTime expiresAt)
    {
        ClusterName = clusterName;
        Token = token;
        SignedAt = signedAt;
        ExpiresAt = expiresAt;
    }

    public string ClusterName { get; }

    /// <summary><c>k8s-aws-v1.</c> + base64url(presigned STS URL), without padding. A secret: never log it.</summary>
    public string Token { get; }

    /// <summary>When the URL was signed (UTC).</summary>
    public DateTime SignedAt { get; }

    /// <summary>When to get a new token (UTC): 14 minutes after signing, as aws eks get-token reports.</summary>
    public DateTime ExpiresAt { get; }

    public override string ToString() => $"EKS token for {ClusterName} (expires {ExpiresAt:u})";
}
