using System;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>The OIDC provider thumbprint: SHA-1 of the top intermediate CA of a loopback TLS server's generated chain.</summary>
public sealed class OidcThumbprintTests : IDisposable
{
    private readonly TestChain _chain = TestChain.Create();

    public void Dispose() => _chain.Dispose();

    [Fact]
    public async Task ServerPresentingLeafAndIntermediate_GivesTheIntermediatesSha1()
    {
        using var server = new TlsChainServer(_chain);

        var thumbprint = await OidcThumbprint.ComputeAsync("localhost", server.Port);

        Assert.Equal(TestChain.Sha1(_chain.Intermediate), thumbprint);
        Assert.Matches("^[0-9a-f]{40}$", thumbprint);
    }

    [Fact]
    public async Task ServerPresentingTheRootToo_StillGivesTheIntermediate()
    {
        using var server = new TlsChainServer(_chain, presentRoot: true);

        var thumbprint = await OidcThumbprint.ComputeAsync("localhost", server.Port);

        Assert.Equal(TestChain.Sha1(_chain.Intermediate), thumbprint);
    }

    [Fact]
    public async Task ServerPresentingOnlyItsLeaf_GivesTheLastCertificateItPresented()
    {
        using var server = new TlsChainServer(_chain, presentIntermediate: false);

        var thumbprint = await OidcThumbprint.ComputeAsync("localhost", server.Port);

        Assert.Equal(TestChain.Sha1(_chain.Leaf), thumbprint);
    }

    [Fact]
    public async Task UnreachableHost_FailsWithConnectionFailed_NamingTheHost()
    {
        var port = Loopback.FreePort();

        var ex = await Assert.ThrowsAsync<IrsaException>(() => OidcThumbprint.ComputeAsync("127.0.0.1", port, TimeSpan.FromSeconds(5)));

        Assert.Equal(ErrorIds.OidcThumbprintUnavailable, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.ConnectionFailed, ex.Kind);
        Assert.Equal("127.0.0.1", ex.Target);
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostThatNeverAnswersTheHandshake_TimesOut_WithConnectionFailed()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;

        var ex = await Assert.ThrowsAsync<IrsaException>(() => OidcThumbprint.ComputeAsync("localhost", port, TimeSpan.FromMilliseconds(500)));

        Assert.Equal(ErrorIds.OidcThumbprintUnavailable, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.ConnectionFailed, ex.Kind);
        Assert.Contains("within", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotAHostName_FailsWithInvalidIssuerUrl()
    {
        var ex = await Assert.ThrowsAsync<IrsaValidationException>(() => OidcThumbprint.ComputeAsync("not a host", 443));

        Assert.Equal(ErrorIds.InvalidIssuerUrl, ex.ErrorId);
    }
}
