using System;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// EKS bearer tokens minted by an <see cref="IEksTokenSource"/> (IrsaPS's own AWS connection) instead of
/// <c>aws eks get-token</c>. A token is reused until a minute before it expires, and replaced after a 401.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim needs disposing only when its wait handle was used; it never is.")]
internal sealed class EksTokenCredentialProvider : IKubernetesCredentialProvider
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(10);
    private readonly IEksTokenSource _source;
    private readonly EksTokenRequest _request;
    private readonly Func<DateTimeOffset> _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KubernetesCredential? _current;

    public EksTokenCredentialProvider(IEksTokenSource source, EksTokenRequest request, Func<DateTimeOffset> clock, string description)
    {
        _source = source;
        _request = request;
        _clock = clock;
        Description = description;
    }

    public string Description { get; }

    public bool CanRefresh => true;

    public async Task<KubernetesCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && !current.IsExpired(_clock()))
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            var now = _clock();
            if (current is not null && !current.IsExpired(now))
            {
                return current;
            }

            KubernetesBearerToken token;
            try
            {
                token = await _source.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not IrsaException and not OperationCanceledException)
            {
                throw new KubernetesConfigException(
                    ErrorIds.KubeEksTokenFailed,
                    IrsaErrorKind.AuthenticationFailed,
                    $"Could not create an EKS token for cluster '{_request.ClusterName}': {SecretRedactor.Redact(ex.Message, 500)}",
                    _request.ClusterName,
                    ex);
            }

            // Renew a minute early so a token never expires in flight.
            var expires = (token.ExpiresAt ?? now + AssumedLifetime) - Skew;
            current = new KubernetesCredential { BearerToken = token.Value, ExpiresAt = expires };
            Volatile.Write(ref _current, current);
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate(KubernetesCredential rejected) => Interlocked.CompareExchange(ref _current, null, rejected);
}
