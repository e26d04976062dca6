using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>An EKS cluster seen through IRSA's eyes: its OIDC issuer and whether IAM already trusts it.</summary>
public sealed class IrsaCluster
{
    public string ClusterName { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    public string Region { get; init; } = string.Empty;

    /// <summary>The account IAM calls go to (the caller's account): where the OIDC provider and roles live.</summary>
    public string AccountId { get; init; } = string.Empty;

    public string Partition { get; init; } = string.Empty;

    /// <summary>The issuer URL, e.g. https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE. Null for clusters without one (Outposts local clusters).</summary>
    public string? Issuer { get; init; }

    /// <summary>The IAM OIDC provider ARN this cluster's issuer needs in <see cref="AccountId"/>.</summary>
    public string? OidcProviderArn { get; init; }

    public bool OidcProviderExists { get; init; }

    /// <summary>The audiences (client IDs) the OIDC provider accepts, as IAM answered when the cluster was resolved; null when it does not exist.</summary>
    public IReadOnlyList<string>? OidcProviderClientIds { get; init; }

    public string? Version { get; init; }

    /// <summary>The EKS platform version, e.g. <c>eks.8</c> (EKS Pod Identity needs a minimum per Kubernetes version).</summary>
    public string? PlatformVersion { get; init; }

    public string? Status { get; init; }

    public string? Endpoint { get; init; }

    public bool EndpointPublicAccess { get; init; }

    public bool EndpointPrivateAccess { get; init; }

    public bool IsOutpostsLocalCluster { get; init; }

    public string? AuthenticationMode { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Base64 PEM of the cluster CA (used to talk to the API server without a kubeconfig).</summary>
    public string? CertificateAuthorityData { get; init; }

    /// <summary>What the user should know before using IRSA on this cluster (private endpoint only, old version...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public override string ToString() => ClusterName;
}
