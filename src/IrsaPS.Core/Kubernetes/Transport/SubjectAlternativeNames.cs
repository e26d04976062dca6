using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace IrsaPS.Core.Kubernetes.Transport;

/// <summary>
/// The DNS names and IP addresses of a certificate's subjectAltName extension (2.5.29.17), read from its DER form
/// (netstandard2.0 has no API for it), and host-name matching as Go's crypto/x509 does it: SANs only (no CN fallback),
/// one leading wildcard label, IP hosts against IP SANs.
/// </summary>
internal static class SubjectAlternativeNames
{
    private const string ExtensionOid = "2.5.29.17";

    public static (IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses) Read(X509Certificate2 certificate)
    {
        var dns = new List<string>();
        var addresses = new List<IPAddress>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != ExtensionOid)
            {
                continue;
            }

            var data = extension.RawData;
            var position = 0;
            if (!TryReadHeader(data, ref position, out var tag, out var length) || tag != 0x30)
            {
                continue;
            }

            var end = Math.Min(data.Length, position + length);
            while (position < end && TryReadHeader(data, ref position, out tag, out length) && position + length <= end)
            {
                if (tag == 0x82)
                {
                    dns.Add(Encoding.ASCII.GetString(data, position, length));
                }
                else if (tag == 0x87 && (length == 4 || length == 16))
                {
                    var bytes = new byte[length];
                    Array.Copy(data, position, bytes, 0, length);
                    addresses.Add(new IPAddress(bytes));
                }

                position += length;
            }
        }

        return (dns, addresses);
    }

    /// <summary>True when the certificate is valid for <paramref name="host"/> (a DNS name or an IP address).</summary>
    public static bool Matches(X509Certificate2 certificate, string host, out string valid)
    {
        var (dnsNames, addresses) = Read(certificate);
        var names = new List<string>(dnsNames);
        foreach (var address in addresses)
        {
            names.Add(address.ToString());
        }

        valid = names.Count == 0 ? "no subjectAltName" : string.Join(", ", names);
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var ip))
        {
            foreach (var address in addresses)
            {
                if (address.Equals(ip))
                {
                    return true;
                }
            }

            return false;
        }

        var wanted = bare.TrimEnd('.').ToLowerInvariant();
        foreach (var name in dnsNames)
        {
            if (MatchesName(name.TrimEnd('.').ToLowerInvariant(), wanted))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesName(string pattern, string host)
    {
        if (pattern == host)
        {
            return true;
        }

        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return false;
        }

        var dot = host.IndexOf('.');
        return dot > 0 && string.Equals(host.Substring(dot + 1), pattern.Substring(2), StringComparison.Ordinal);
    }

    private static bool TryReadHeader(byte[] data, ref int position, out int tag, out int length)
    {
        tag = 0;
        length = 0;
        if (position + 2 > data.Length)
        {
            return false;
        }

        tag = data[position++];
        int first = data[position++];
        if (first < 0x80)
        {
            length = first;
            return true;
        }

        var count = first & 0x7f;
        if (count is 0 or > 3 || position + count > data.Length)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            length = (length << 8) | data[position++];
        }

        return length >= 0;
    }
}
