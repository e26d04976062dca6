using System;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace IrsaPS.Core.Kubernetes.Transport;

/// <summary>
/// Checks the API server's certificate like kubectl: chain to the kubeconfig's CA only (custom root trust: the CA is
/// added to the chain's extra store and must appear in the built chain), or to the system roots when the kubeconfig has
/// no CA; then the host name (or <c>tls-server-name</c>) against the subjectAltNames. The reason of the last rejection
/// is kept so that the connection error can say exactly what was wrong.
/// </summary>
internal sealed class ServerCertificateValidator
{
    private const X509ChainStatusFlags Tolerated =
        X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation | X509ChainStatusFlags.PartialChain;

    private readonly KubernetesTlsSettings _settings;
    private volatile string? _lastFailure;

    public ServerCertificateValidator(KubernetesTlsSettings settings) => _settings = settings;

    /// <summary>Why the last certificate was rejected, or null.</summary>
    public string? LastFailure => _lastFailure;

    public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (_settings.InsecureSkipVerify)
        {
            return true;
        }

        if (certificate is null)
        {
            return Fail("the server presented no certificate");
        }

        if (_settings.CertificateAuthorities.Count > 0)
        {
            var problem = CheckCustomChain(certificate, presented);
            if (problem is not null)
            {
                return Fail(problem);
            }
        }
        else if ((errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) != SslPolicyErrors.None)
        {
            return Fail($"the server's certificate is not trusted by this system ({errors}); the kubeconfig has no certificate-authority for this cluster");
        }

        var host = _settings.TlsServerName ?? request.RequestUri?.Host ?? string.Empty;
        if (!SubjectAlternativeNames.Matches(certificate, host, out var valid))
        {
            var hint = _settings.TlsServerName is null ? "; if the server is reached under another name, set tls-server-name in the kubeconfig cluster" : string.Empty;
            return Fail($"the server's certificate is valid for [{valid}], not for '{host}'{hint}");
        }

        _lastFailure = null;
        return true;
    }

    private string? CheckCustomChain(X509Certificate2 certificate, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        foreach (var authority in _settings.CertificateAuthorities)
        {
            chain.ChainPolicy.ExtraStore.Add(authority);
        }

        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Cast<X509ChainElement>().Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        chain.Build(certificate);
        var anchored = chain.ChainElements.Cast<X509ChainElement>()
            .Any(element => _settings.CertificateAuthorities.Any(ca => ca.RawData.AsSpan().SequenceEqual(element.Certificate.RawData)));
        if (!anchored)
        {
            return $"the server's certificate ({certificate.Subject}) is not signed by the cluster's certificate authority ({_settings.CertificateAuthorityOrigin ?? "kubeconfig"})";
        }

        var bad = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status) & ~Tolerated;
        if ((bad & (X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested)) != 0)
        {
            return $"the server's certificate chain is outside its validity period (expired or not yet valid); the leaf is valid {certificate.NotBefore:u} to {certificate.NotAfter:u}";
        }

        return bad == X509ChainStatusFlags.NoError ? null : $"the server's certificate chain is not valid ({bad})";
    }

    private bool Fail(string reason)
    {
        _lastFailure = reason;
        return false;
    }
}
