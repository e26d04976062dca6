using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Kubernetes.Wire;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Kubernetes;

// DaemonSets (apps/v1): read one, e.g. the EKS Pod Identity Agent in kube-system.
public sealed partial class KubernetesClient
{
    /// <summary>The DaemonSet, or null when it (or its namespace) does not exist.</summary>
    public async Task<KubeDaemonSet?> FindDaemonSetAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        KubernetesNames.ValidateNamespace(ns);
        KubernetesNames.ValidateServiceAccountName(name);
        var path = "/apis/apps/v1/namespaces/" + Escape(ns) + "/daemonsets/" + Escape(name);
        try
        {
            return await SendAsync(HttpMethod.Get, path, null, ns + "/" + name, KubePodCredentialsReader.ReadDaemonSet, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesNotFoundException)
        {
            return null;
        }
    }
}
