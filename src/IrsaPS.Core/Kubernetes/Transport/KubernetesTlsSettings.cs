using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace IrsaPS.Core.Kubernetes.Transport;

/// <summary>
/// How the API server's certificate is checked: against <see cref="CertificateAuthorities"/> only when there are any
/// (else the system's trust), for the URL's host or <see cref="TlsServerName"/>; or not at all when
/// <see cref="InsecureSkipVerify"/> (kubeconfig <c>insecure-skip-tls-verify</c>).
/// netstandard2.0's HttpClientHandler cannot set SNI, so <see cref="TlsServerName"/> is used for name verification only.
/// </summary>
internal sealed class KubernetesTlsSettings
{
    public static readonly KubernetesTlsSettings SystemTrust = new();

    public IReadOnlyList<X509Certificate2> CertificateAuthorities { get; init; } = [];

    /// <summary>Where the CA came from, for messages ("certificate-authority-data of cluster 'demo'").</summary>
    public string? CertificateAuthorityOrigin { get; init; }

    public string? TlsServerName { get; init; }

    public bool InsecureSkipVerify { get; init; }
}
