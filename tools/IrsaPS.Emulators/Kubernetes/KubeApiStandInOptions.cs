using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>How to start a <see cref="KubeApiStandIn"/>.</summary>
public sealed class KubeApiStandInOptions
{
    /// <summary>Serve HTTPS with a certificate from <see cref="CertificateAuthority"/> (generated when null). Default true, like a real cluster.</summary>
    public bool Tls { get; init; } = true;

    /// <summary>The 127.0.0.1 port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The issuer of TokenRequest JWTs (an EKS cluster's OIDC issuer in the sandbox).</summary>
    public string Issuer { get; init; } = "https://kubernetes.default.svc";

    /// <summary>Audiences of a TokenRequest that names none (kube-apiserver's --api-audiences).</summary>
    public IReadOnlyList<string> DefaultAudiences { get; init; } = ["https://kubernetes.default.svc"];

    /// <summary>The CA that signs the server and client certificates; generated when null.</summary>
    public KubeCertificateAuthority? CertificateAuthority { get; init; }

    /// <summary>A ready server certificate (with key); issued by <see cref="CertificateAuthority"/> when null.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>Extra DNS names for the generated server certificate (to test tls-server-name).</summary>
    public IReadOnlyList<string> ServerNames { get; init; } = [];

    /// <summary>Whether the generated server certificate is valid for localhost / 127.0.0.1 / ::1.</summary>
    public bool ServerCertificateForLoopback { get; init; } = true;

    /// <summary>The region the simulated pod identity webhook injects; null for none.</summary>
    public string? WebhookRegion { get; init; }

    /// <summary>The cluster's EKS Pod Identity associations for the simulated webhook (the AWS emulator layer's store); null for none.</summary>
    public IPodIdentityAssociations? PodIdentity { get; init; }

    /// <summary>Bearer tokens and what they may do, registered before the server accepts its first request.</summary>
    public IReadOnlyDictionary<string, KubeGrant> Tokens { get; init; } = new Dictionary<string, KubeGrant>();

    /// <summary>Objects loaded before the server accepts its first request (the sandbox's seed file).</summary>
    public KubeSeed? Seed { get; init; }

    /// <summary>How many requests <see cref="KubeApiStandIn.Requests"/> keeps.</summary>
    public int RequestLogSize { get; init; } = 10000;
}
