using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// A bearer token read from a file (kubeconfig <c>tokenFile</c>, or the in-cluster service account token).
/// Projected tokens rotate, so the file is read again once a minute and after a 401, as client-go does.
/// The first read happens at construction, so an unreadable file is reported before any request.
/// </summary>
internal sealed class TokenFileCredentialProvider : IKubernetesCredentialProvider
{
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromMinutes(1);
    private readonly string _path;
    private readonly Func<DateTimeOffset> _clock;
    private readonly object _gate = new();
    private KubernetesCredential _current;
    private DateTimeOffset _readAt;

    public TokenFileCredentialProvider(string path, Func<DateTimeOffset> clock, string description)
    {
        _path = path;
        _clock = clock;
        Description = description;
        _current = Read();
        _readAt = clock();
    }

    public string Description { get; }

    public bool CanRefresh => true;

    public Task<KubernetesCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _clock();
            if (now - _readAt >= ReloadInterval)
            {
                _current = Read();
                _readAt = now;
            }

            return Task.FromResult(_current);
        }
    }

    public void Invalidate(KubernetesCredential rejected)
    {
        lock (_gate)
        {
            if (ReferenceEquals(rejected, _current))
            {
                _readAt = DateTimeOffset.MinValue;
            }
        }
    }

    private KubernetesCredential Read()
    {
        string token;
        try
        {
            token = File.ReadAllText(_path, Encoding.UTF8).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeTokenFileUnreadable,
                IrsaErrorKind.InvalidData,
                $"The token file '{_path}' cannot be read: {ex.Message}",
                _path,
                ex);
        }

        if (token.Length == 0)
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeTokenFileUnreadable,
                IrsaErrorKind.InvalidData,
                $"The token file '{_path}' is empty.",
                _path);
        }

        return new KubernetesCredential { BearerToken = token };
    }
}
