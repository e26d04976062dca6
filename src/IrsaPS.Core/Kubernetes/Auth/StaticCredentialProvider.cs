using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>A credential that never changes: a kubeconfig <c>token</c>, a client certificate, basic credentials, or none.</summary>
internal sealed class StaticCredentialProvider : IKubernetesCredentialProvider
{
    private readonly Task<KubernetesCredential> _credential;

    public StaticCredentialProvider(KubernetesCredential credential, string description)
    {
        _credential = Task.FromResult(credential);
        Description = description;
    }

    public string Description { get; }

    public bool CanRefresh => false;

    public Task<KubernetesCredential> GetCredentialAsync(CancellationToken cancellationToken) => _credential;

    public void Invalidate(KubernetesCredential rejected)
    {
    }
}
