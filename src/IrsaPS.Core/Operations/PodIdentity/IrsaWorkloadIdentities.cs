using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>
/// Get-IrsaWorkloadIdentity: for one service account, a namespace or the whole cluster, both identities side by side
/// (<see cref="WorkloadIdentityView"/>). Everything is read with list calls, none per service account: the service
/// accounts (ceil(n / 500)), the associations (ceil(n / 100) ListPodIdentityAssociations, then one
/// DescribePodIdentityAssociation per association at bounded concurrency, as the list has no role), the pods (streamed,
/// ceil(n / 500), only those of the service accounts asked for kept), and once per cluster the agent DaemonSet, its pods
/// and the nodes.
/// </summary>
public static class IrsaWorkloadIdentities
{
    public static async Task<IReadOnlyList<IrsaWorkloadIdentity>> GetAsync(
        IrsaSession session,
        string clusterName,
        string? @namespace,
        string? namePattern,
        bool allNamespaces,
        bool includeUnconfigured,
        CancellationToken cancellationToken)
    {
        EksNames.ValidateClusterName(clusterName);
        var selector = ServiceAccountSelector.Parse(@namespace, namePattern, allNamespaces);
        (@namespace, namePattern) = (selector.Namespace, selector.NamePattern);
        var exactName = selector.ExactName;

        var cluster = await session.GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
        var kube = await session.GetKubernetesAsync(clusterName, cancellationToken).ConfigureAwait(false);
        var ns = allNamespaces ? null : @namespace ?? kube.Connection.Namespace;
        var stateTask = PodIdentitySupport.ReadAsync(session, kube, cluster, cancellationToken);

        List<KubeServiceAccount> accounts;
        if (exactName && ns is not null)
        {
            var one = await kube.FindServiceAccountAsync(ns, namePattern!, cancellationToken).ConfigureAwait(false)
                ?? throw new IrsaException(ErrorIds.ServiceAccountNotFound, IrsaErrorKind.NotFound, $"ServiceAccount {ns}/{namePattern} does not exist in {kube.Connection.DisplayName}.", ns + "/" + namePattern);
            accounts = [one];
        }
        else
        {
            accounts = (await kube.ListServiceAccountsAsync(ns, null, cancellationToken).ConfigureAwait(false))
                .Where(a => namePattern is null || WildcardMatcher.IsMatch(a.Name, namePattern, ignoreCase: true))
                .ToList();
        }

        var single = accounts.Count == 1 && exactName;
        var wanted = new HashSet<string>(accounts.Select(a => a.Key), StringComparer.Ordinal);
        var associationsTask = IrsaPodIdentityAssociations.ListDetailedAsync(
            session.Aws,
            cluster.ClusterName,
            ns,
            single ? accounts[0].Name : null,
            session.Options.MaxParallelCalls,
            s => wanted.Contains(s.Namespace + "/" + s.ServiceAccount),
            cancellationToken);
        var podsTask = PodsAsync(kube, ns, single ? accounts[0].Name : null, wanted, cancellationToken);
        await Task.WhenAll(stateTask, associationsTask, podsTask).ConfigureAwait(false);

        var associations = (await associationsTask.ConfigureAwait(false)).ToDictionary(a => a.Namespace + "/" + a.ServiceAccount, StringComparer.Ordinal);
        var pods = await podsTask.ConfigureAwait(false);
        var state = await stateTask.ConfigureAwait(false);
        var result = new List<IrsaWorkloadIdentity>();
        foreach (var account in accounts.OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal))
        {
            associations.TryGetValue(account.Key, out var association);
            var configured = account.Irsa.RoleArn is not null || association is not null || account.Annotations.ContainsKey(PodIdentityMigrationRecord.AnnotationKey);
            if (!configured && !includeUnconfigured && !exactName)
            {
                continue;
            }

            var own = pods.TryGetValue(account.Key, out var list) ? list : [];
            result.Add(WorkloadIdentityView.Create(cluster.ClusterName, account, association, own, state, kube.Connection.DisplayName));
        }

        return result;
    }

    /// <summary>The pods of the wanted service accounts, by <c>namespace/serviceAccount</c>.</summary>
    internal static async Task<Dictionary<string, List<KubePod>>> PodsAsync(
        KubernetesClient kube, string? ns, string? serviceAccount, HashSet<string> wanted, CancellationToken cancellationToken)
    {
        var byAccount = new Dictionary<string, List<KubePod>>(StringComparer.Ordinal);
        var options = serviceAccount is null ? null : new KubeListOptions { FieldSelector = "spec.serviceAccountName=" + serviceAccount };
        await kube.ForEachPodPageAsync(
            ns,
            page =>
            {
                foreach (var pod in page.Items)
                {
                    var key = pod.Namespace + "/" + pod.ServiceAccountName;
                    if (!wanted.Contains(key))
                    {
                        continue;
                    }

                    if (!byAccount.TryGetValue(key, out var list))
                    {
                        byAccount[key] = list = [];
                    }

                    list.Add(pod);
                }

                return Task.CompletedTask;
            },
            options,
            cancellationToken).ConfigureAwait(false);
        return byAccount;
    }

    /// <summary>One service account's pods (field selector spec.serviceAccountName).</summary>
    internal static async Task<IReadOnlyList<KubePod>> PodsOfAsync(KubernetesClient kube, string ns, string serviceAccount, CancellationToken cancellationToken) =>
        await kube.ListPodsAsync(ns, new KubeListOptions { FieldSelector = "spec.serviceAccountName=" + serviceAccount }, cancellationToken).ConfigureAwait(false);
}
