using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws;

/// <summary>
/// The thumbprint IAM wants for an OIDC identity provider, as the AWS guide "Obtain the thumbprint for an OpenID
/// Connect identity provider" describes: the SHA-1 (40 lowercase hex digits) of the top intermediate CA of the
/// issuer host's TLS chain, i.e. the certificate just below the root (the last one a server normally presents).
/// When the chain has no self-signed root at its end (the root is not known here), its last certificate is taken.
/// The TLS handshake is only used to read the chain: nothing is sent over the connection.
/// </summary>
internal static class OidcThumbprint
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The thumbprint for an issuer (its host, port 443).</summary>
    public static Task<string> ComputeAsync(OidcIssuer issuer, CancellationToken cancellationToken = default) =>
        ComputeAsync((issuer ?? throw new ArgumentNullException(nameof(issuer))).Host, 443, null, cancellationToken);

    /// <summary>
    /// The thumbprint for <paramref name="host"/>. <paramref name="port"/> and <paramref name="timeout"/> are there for
    /// tests and unusual issuers. Fails with <c>OidcThumbprintUnavailable</c> (ConnectionFailed) naming the host.
    /// </summary>
    public static async Task<string> ComputeAsync(string host, int port = 443, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new IrsaValidationException(ErrorIds.InvalidIssuerUrl, $"'{host}' is not a host name to read a certificate chain from.", host);
        }

        var target = $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
        List<X509Certificate2> chain;
        try
        {
            chain = await ReadChainAsync(host, port, timeout ?? DefaultTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException or TimeoutException or ObjectDisposedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new IrsaException(
                ErrorIds.OidcThumbprintUnavailable,
                IrsaErrorKind.ConnectionFailed,
                $"Could not read the TLS certificate chain of the OIDC issuer host {target}: {ex.Message} Check that the host is reachable from here, or give the thumbprint explicitly.",
                host,
                ex);
        }

        try
        {
            var chosen = Choose(chain) ?? throw new IrsaException(
                ErrorIds.OidcThumbprintUnavailable,
                IrsaErrorKind.ConnectionFailed,
                $"The OIDC issuer host {target} presented no certificate, so no thumbprint can be computed. Give the thumbprint explicitly.",
                host);
            return chosen.Thumbprint.ToLowerInvariant();
        }
        finally
        {
            foreach (var certificate in chain)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>The certificate just below a self-signed root at the end of the chain, else the chain's last one.</summary>
    internal static X509Certificate2? Choose(IReadOnlyList<X509Certificate2> chain)
    {
        if (chain.Count == 0)
        {
            return null;
        }

        var last = chain[chain.Count - 1];
        var endsInRoot = chain.Count >= 2 && last.SubjectName.RawData.AsSpan().SequenceEqual(last.IssuerName.RawData);
        return endsInRoot ? chain[chain.Count - 2] : last;
    }

    private static async Task<List<X509Certificate2>> ReadChainAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var tcp = new TcpClient();
        using (deadline.Token.Register(tcp.Dispose))
        {
            try
            {
                await tcp.ConnectAsync(host, port).ConfigureAwait(false);
                var captured = new List<X509Certificate2>();
                using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, chain, _) => Capture(certificate, chain, captured));
                await tls.AuthenticateAsClientAsync(host).ConfigureAwait(false);
                return captured;
            }
            catch (Exception) when (deadline.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException(FormattableString.Invariant($"No TLS handshake within {timeout.TotalSeconds:0.#} s."));
            }
        }
    }

    /// <summary>Copies the chain the platform built from what the server presented. Accepts any chain: it is only read.</summary>
    private static bool Capture(X509Certificate? certificate, X509Chain? chain, List<X509Certificate2> captured)
    {
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                captured.Add(new X509Certificate2(element.Certificate.RawData));
            }
        }

        if (captured.Count == 0 && certificate is not null)
        {
            captured.Add(new X509Certificate2(certificate.GetRawCertData()));
        }

#pragma warning disable CA5359 // Validation is off on purpose: the handshake only reads the chain to compute a thumbprint; no data is exchanged.
        return true;
#pragma warning restore CA5359
    }
}
