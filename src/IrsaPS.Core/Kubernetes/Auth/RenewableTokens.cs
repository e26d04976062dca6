using System;
using System.IO;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Security;
using k8s.Authentication;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>A KubernetesClient token provider that can be told its credential was rejected (401), so the next one is fresh.</summary>
internal interface IRenewableTokenProvider : ITokenProvider
{
    void Invalidate();
}

/// <summary>
/// A kubeconfig <c>tokenFile</c> or the in-cluster token: KubernetesClient's <see cref="TokenFileAuth"/> (re-read every
/// minute, as kubelet rotates the file), read again at once after a 401.
/// </summary>
internal sealed class RenewableTokenFile(string path) : IRenewableTokenProvider
{
    private TokenFileAuth _file = new(path);

    /// <summary>The provider for <paramref name="path"/>, which must be readable now (so a typo fails before any request).</summary>
    public static RenewableTokenFile Open(string path)
    {
        try
        {
            File.OpenRead(path).Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException(ErrorIds.KubeTokenFileUnreadable, IrsaErrorKind.InvalidData, $"The token file '{path}' cannot be read: {ex.Message}", path, ex);
        }

        return new RenewableTokenFile(path);
    }

    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) => Volatile.Read(ref _file).GetAuthenticationHeaderAsync(cancellationToken);

    public void Invalidate() => Volatile.Write(ref _file, new TokenFileAuth(path));
}

/// <summary>
/// EKS bearer tokens minted by an <see cref="IEksTokenSource"/> (IrsaPS's own AWS connection) instead of running
/// <c>aws eks get-token</c>: reused until a minute before they expire, and replaced after a 401.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim needs disposing only when its wait handle was used; it never is.")]
internal sealed class EksTokenProvider(IEksTokenSource source, EksTokenRequest request, Func<DateTimeOffset> clock) : IRenewableTokenProvider
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is not { } current || clock() >= current.RenewAt)
            {
                KubernetesBearerToken token;
                try
                {
                    token = await source.GetTokenAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not IrsaException and not OperationCanceledException)
                {
                    throw new KubernetesConfigException(
                        ErrorIds.KubeEksTokenFailed,
                        IrsaErrorKind.AuthenticationFailed,
                        $"Could not create an EKS token for cluster '{request.ClusterName}': {SecretRedactor.Redact(ex.Message, 500)}",
                        request.ClusterName,
                        ex);
                }

                current = (token.Value, (token.ExpiresAt ?? clock().AddMinutes(10)) - TimeSpan.FromMinutes(1));
                _current = current;
            }

            return new AuthenticationHeaderValue("Bearer", current.Token);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _current = null;
}
