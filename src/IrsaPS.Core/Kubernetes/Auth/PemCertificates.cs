using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// PEM certificates and keys on netstandard2.0. CA bundles are decoded here (PEM <c>CERTIFICATE</c> blocks or DER).
/// Client certificates need the runtime's <c>X509Certificate2.CreateFromPem(ReadOnlySpan&lt;char&gt;, ReadOnlySpan&lt;char&gt;)</c>
/// (.NET 5+, so PowerShell 7.4+), bound once by reflection; it reads RSA keys (PKCS#1 and PKCS#8) and EC keys
/// (SEC1 and PKCS#8). Windows PowerShell 5.1 lacks it and gets a clear NotSupported error.
/// </summary>
internal static class PemCertificates
{
    private delegate X509Certificate2 CreateFromPemDelegate(ReadOnlySpan<char> certificatePem, ReadOnlySpan<char> keyPem);

    private static readonly Lazy<CreateFromPemDelegate?> CreateFromPem = new(BindCreateFromPem);

    /// <summary>True when this runtime can build a client certificate from PEM.</summary>
    public static bool ClientCertificatesSupported => CreateFromPem.Value is not null;

    /// <summary>Every certificate in a PEM bundle (or one DER certificate). <paramref name="origin"/> names the source in errors.</summary>
    public static IReadOnlyList<X509Certificate2> ReadCertificates(byte[] data, string origin)
    {
        var result = new List<X509Certificate2>();
        try
        {
            var text = Encoding.ASCII.GetString(data);
            foreach (var block in PemBlocks(text, "CERTIFICATE"))
            {
                result.Add(new X509Certificate2(block));
            }

            if (result.Count == 0 && data.Length > 0 && data[0] == 0x30)
            {
                result.Add(new X509Certificate2(data));
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw Unreadable(origin, "it holds a certificate that cannot be decoded", ex);
        }

        if (result.Count == 0)
        {
            throw Unreadable(origin, "it holds no PEM 'CERTIFICATE' block", null);
        }

        return result;
    }

    /// <summary>A client certificate with its private key from PEM text (RSA or EC, PKCS#1, SEC1 or PKCS#8).</summary>
    public static X509Certificate2 CreateClientCertificate(string certificatePem, string keyPem, string origin)
    {
        var create = CreateFromPem.Value ?? throw new KubernetesConfigException(
            ErrorIds.KubeClientCertificateNotSupported,
            IrsaErrorKind.NotSupported,
            $"The client certificate of {origin} needs PowerShell 7.4 or later (.NET 8+): Windows PowerShell 5.1 cannot load PEM client certificates. "
            + "Use PowerShell 7, or a kubeconfig user with a token or an exec plugin (e.g. 'aws eks get-token').",
            origin);

        if (keyPem.IndexOf("ENCRYPTED", StringComparison.Ordinal) >= 0)
        {
            throw Unreadable(origin, "its private key is encrypted, which kubectl does not support either; decrypt it (openssl pkey) or use another credential", null);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = create(certificatePem.AsSpan(), keyPem.AsSpan());
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw Unreadable(origin, "the certificate or its private key cannot be read, or they do not belong together (RSA and EC keys in PEM are supported)", ex);
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            // SChannel cannot use an ephemeral key for client authentication; a PKCS#12 round trip persists it for the session.
            using (certificate)
            {
                return new X509Certificate2(certificate.Export(X509ContentType.Pkcs12));
            }
        }

        return certificate;
    }

    /// <summary>The DER bytes of every PEM block with the given label.</summary>
    public static IEnumerable<byte[]> PemBlocks(string text, string label)
    {
        var begin = "-----BEGIN " + label + "-----";
        var end = "-----END " + label + "-----";
        var index = 0;
        while (true)
        {
            var start = text.IndexOf(begin, index, StringComparison.Ordinal);
            if (start < 0)
            {
                yield break;
            }

            start += begin.Length;
            var stop = text.IndexOf(end, start, StringComparison.Ordinal);
            if (stop < 0)
            {
                throw new FormatException("A PEM block has no END line.");
            }

            yield return Convert.FromBase64String(text.Substring(start, stop - start));
            index = stop + end.Length;
        }
    }

    private static KubernetesConfigException Unreadable(string origin, string problem, Exception? inner) =>
        new(ErrorIds.KubeCertificateUnreadable, IrsaErrorKind.InvalidData, $"The certificate data of {origin} is not usable: {problem}.", origin, inner);

    private static CreateFromPemDelegate? BindCreateFromPem()
    {
        var method = typeof(X509Certificate2).GetMethod(
            "CreateFromPem",
            BindingFlags.Public | BindingFlags.Static,
            null,
            [typeof(ReadOnlySpan<char>), typeof(ReadOnlySpan<char>)],
            null);
        return method is null ? null : (CreateFromPemDelegate)method.CreateDelegate(typeof(CreateFromPemDelegate));
    }
}
