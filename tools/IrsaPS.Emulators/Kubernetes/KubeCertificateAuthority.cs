using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>How a generated client key is written as PEM.</summary>
public enum KubeKeyFormat
{
    /// <summary>RSA, <c>BEGIN RSA PRIVATE KEY</c>.</summary>
    RsaPkcs1,

    /// <summary>RSA, <c>BEGIN PRIVATE KEY</c>.</summary>
    RsaPkcs8,

    /// <summary>EC P-256, <c>BEGIN EC PRIVATE KEY</c>.</summary>
    EcSec1,

    /// <summary>EC P-256, <c>BEGIN PRIVATE KEY</c>.</summary>
    EcPkcs8,
}

/// <summary>
/// A throw-away certificate authority for the stand-in's TLS: it signs the server certificate (loopback names plus any
/// extra DNS names) and client certificates (CN = user, O = groups) in every PEM key format kubectl accepts.
/// Nothing is persisted unless the caller saves it.
/// </summary>
public sealed class KubeCertificateAuthority : IDisposable
{
    private readonly RSA _key;

    private KubeCertificateAuthority(X509Certificate2 certificate, RSA key)
    {
        Certificate = certificate;
        _key = key;
    }

    /// <summary>The CA certificate (public part).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM, for kubeconfig <c>certificate-authority-data</c>.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    public static KubeCertificateAuthority Create(string commonName = "irsaps-standin-ca")
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(5));
        return new KubeCertificateAuthority(X509CertificateLoader.LoadCertificate(certificate.RawData), key);
    }

    /// <summary>Loads a CA saved with <see cref="ExportPkcs12"/>.</summary>
    public static KubeCertificateAuthority Load(byte[] pkcs12)
    {
        var certificate = X509CertificateLoader.LoadPkcs12(pkcs12, null, X509KeyStorageFlags.Exportable);
        var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The saved CA has no RSA private key.");
        return new KubeCertificateAuthority(X509CertificateLoader.LoadCertificate(certificate.RawData), key);
    }

    /// <summary>The CA with its private key as PKCS#12 (for the sandbox, which restarts the stand-in from files).</summary>
    public byte[] ExportPkcs12()
    {
        using var withKey = Certificate.CopyWithPrivateKey(_key);
        return withKey.Export(X509ContentType.Pkcs12);
    }

    /// <summary>A server certificate for 127.0.0.1, ::1 and localhost (when <paramref name="includeLoopback"/>) plus <paramref name="dnsNames"/>.</summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string> dnsNames, bool includeLoopback = true, TimeSpan? lifetime = null, DateTimeOffset? notBefore = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=irsaps-standin-apiserver", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        if (includeLoopback)
        {
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
        }

        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var start = notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-5);
        using var issued = Sign(request, start, start + (lifetime ?? TimeSpan.FromDays(365)));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A client certificate for user <paramref name="commonName"/>, as PEM certificate and PEM key in <paramref name="format"/>.</summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string commonName, KubeKeyFormat format, params string[] groups)
    {
        var subject = "CN=" + commonName;
        foreach (var group in groups)
        {
            subject += ", O=" + group;
        }

        var isEc = format is KubeKeyFormat.EcSec1 or KubeKeyFormat.EcPkcs8;
        using var rsa = isEc ? null : RSA.Create(2048);
        using var ec = isEc ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        var request = isEc
            ? new CertificateRequest(subject, ec!, HashAlgorithmName.SHA256)
            : new CertificateRequest(subject, rsa!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = Sign(request, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        var keyPem = format switch
        {
            KubeKeyFormat.RsaPkcs1 => rsa!.ExportRSAPrivateKeyPem(),
            KubeKeyFormat.RsaPkcs8 => rsa!.ExportPkcs8PrivateKeyPem(),
            KubeKeyFormat.EcSec1 => ec!.ExportECPrivateKeyPem(),
            _ => ec!.ExportPkcs8PrivateKeyPem(),
        };
        return (issued.ExportCertificatePem(), keyPem);
    }

    /// <summary>True when <paramref name="certificate"/> chains to this CA (custom root trust, no system roots).</summary>
    public bool Signed(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    private X509Certificate2 Sign(CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7f;
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var generator = X509SignatureGenerator.CreateForRSA(_key, RSASignaturePadding.Pkcs1);
        return request.Create(Certificate.SubjectName, generator, notBefore, notAfter, serial);
    }
}
