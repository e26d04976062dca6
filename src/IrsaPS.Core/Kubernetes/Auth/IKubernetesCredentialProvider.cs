using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>Supplies the credential for each request and, when the server rejects it (401), a fresh one once.</summary>
internal interface IKubernetesCredentialProvider
{
    /// <summary>How this connection authenticates, for messages and -Verbose ("bearer token", "exec plugin aws ...").</summary>
    string Description { get; }

    /// <summary>True when <see cref="Invalidate"/> can lead to a different credential (exec plugins, token files, EKS tokens).</summary>
    bool CanRefresh { get; }

    Task<KubernetesCredential> GetCredentialAsync(CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="rejected"/> so that the next call produces a new credential.</summary>
    void Invalidate(KubernetesCredential rejected);
}
