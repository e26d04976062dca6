using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Operations.PodIdentity;

namespace IrsaPS.Core.Audit;

// EKS Pod Identity: the associations (AWS side, beside the roles), and in the one pod stream the credential environment
// of the pods of annotated or associated service accounts; then the agent DaemonSet, its pods and the nodes.
internal sealed partial class AuditGatherer
{
    /// <summary>The cluster's associations, described; when EKS refuses (e.g. access denied), why instead.</summary>
    private async Task<(IReadOnlyList<PodIdentityAssociation> Associations, string? Unavailable)> ReadAssociationsAsync(string clusterName, AuditOptions options, CancellationToken cancellationToken)
    {
        _host.WriteProgress(new OperationProgress(ProgressActivities.AuditAws, AwsTitle, "Listing Pod Identity associations"));
        try
        {
            var associations = await IrsaPodIdentityAssociations.ListDetailedAsync(_aws, clusterName, null, null, options.MaxParallelCalls, null, cancellationToken).ConfigureAwait(false);
            return (associations, null);
        }
        catch (IrsaException ex) when (ex.Kind is not (IrsaErrorKind.AuthenticationFailed or IrsaErrorKind.ConnectionFailed or IrsaErrorKind.Timeout))
        {
            // Access denied, or an endpoint without the Pod Identity API (an emulator, an old partition): the Pod
            // Identity checks report nothing rather than failing the whole audit.
            var reason = $"the Pod Identity associations could not be read ({(ex as AwsServiceException)?.AwsErrorCode ?? ex.ErrorId}: {ex.Message})";
            _host.WriteWarning($"Audit of cluster '{clusterName}': {reason}; the Pod Identity checks (IRSA017-IRSA022) were skipped.");
            return ([], reason);
        }
    }

    /// <summary>
    /// Streams every pod once: pods of annotated service accounts go to <paramref name="pods"/> (when IRSA012 or IRSA011
    /// need them), pods of annotated or associated ones to the Pod Identity checks; then reads the agent and the nodes.
    /// Returns how many pods were listed.
    /// </summary>
    private async Task<int> ReadPodIdentityPodsAsync(
        AuditNeeds needs,
        IReadOnlyList<KubeServiceAccount> accounts,
        Task<(IReadOnlyList<PodIdentityAssociation> Associations, string? Unavailable)> associations,
        List<KubePod> pods,
        PodIdentityCluster podIdentity,
        KubeListOptions list,
        CancellationToken cancellationToken)
    {
        var irsa = new HashSet<string>(accounts.Where(a => a.Irsa.RoleArn is not null).Select(a => a.Key), StringComparer.Ordinal);
        var associated = new HashSet<string>((await associations.ConfigureAwait(false)).Associations.Select(a => a.Namespace + "/" + a.ServiceAccount), StringComparer.Ordinal);
        var keepIrsaPods = (needs & AuditNeeds.Pods) != 0;
        var listed = 0;
        await _kube!.ForEachPodPageAsync(
            null,
            page =>
            {
                listed += page.Items.Count;
                foreach (var pod in page.Items)
                {
                    var key = pod.Namespace + "/" + pod.ServiceAccountName;
                    var annotated = irsa.Contains(key);
                    if (annotated && keepIrsaPods)
                    {
                        pods.Add(pod);
                    }

                    if (annotated || associated.Contains(key))
                    {
                        podIdentity.Pods.Add(pod);
                    }
                }

                _host.WriteProgress(new OperationProgress(ProgressActivities.AuditKubernetes, KubernetesTitle, string.Format(CultureInfo.InvariantCulture, "Listing pods: {0:N0}", listed)));
                return Task.CompletedTask;
            },
            list,
            cancellationToken).ConfigureAwait(false);

        _host.WriteProgress(new OperationProgress(ProgressActivities.AuditKubernetes, KubernetesTitle, "Reading the EKS Pod Identity Agent and the nodes"));
        podIdentity.State = await PodIdentitySupport.ReadUncachedAsync(_kube, null, cancellationToken).ConfigureAwait(false);
        return listed;
    }

    /// <summary>What the Kubernetes side read for the Pod Identity checks.</summary>
    private sealed class PodIdentityCluster
    {
        public List<KubePod> Pods { get; } = [];

        public PodIdentityClusterState? State { get; set; }
    }
}
