using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Kubernetes;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Which pods still run with old credentials: the pod identity webhook injects AWS_ROLE_ARN and the token only when a pod
/// is created, so a pod of an annotated service account that has no AWS_ROLE_ARN (created before the annotation) or
/// another one (created before it changed) must be restarted. One rule for Set-IrsaServiceAccount, Get-IrsaServiceAccount
/// and the audit (IRSA012). Finished pods (Succeeded, Failed) never need a restart, and an AWS_ROLE_ARN set from a
/// reference (valueFrom) cannot be judged, so it is not reported.
/// </summary>
internal static class PodRestart
{
    /// <summary>True when <paramref name="pod"/> runs as a service account annotated with <paramref name="roleArn"/> but does not carry that role.</summary>
    public static bool IsNeeded(KubePod pod, string roleArn)
    {
        if (pod is null)
        {
            throw new ArgumentNullException(nameof(pod));
        }

        if (pod.Phase is "Succeeded" or "Failed")
        {
            return false;
        }

        return !pod.HasAwsRoleArnEnv
            || (pod.AwsRoleArn is not null && !string.Equals(pod.AwsRoleArn.Trim(), (roleArn ?? string.Empty).Trim(), StringComparison.Ordinal));
    }

    /// <summary>The pods of <paramref name="pods"/> that need a restart for <paramref name="roleArn"/>, as ordered <c>namespace/name</c>.</summary>
    public static IReadOnlyList<string> Select(IEnumerable<KubePod> pods, string roleArn) =>
        pods.Where(p => IsNeeded(p, roleArn)).Select(p => p.Key).OrderBy(p => p, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The pods to restart for each annotated account of <paramref name="accounts"/>, keyed <c>namespace/name</c>, with at
    /// most one pod listing per namespace involved, or one for the whole cluster when the accounts span several (pages are
    /// read one at a time and only the pods of those accounts are kept). No annotated account: no call at all. A caller
    /// without permission to list pods gets a warning and empty lists.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FindAsync(
        KubernetesClient kube, IReadOnlyCollection<KubeServiceAccount> accounts, IOperationHost host, CancellationToken cancellationToken)
    {
        var roles = accounts.Where(a => a.Irsa.RoleArn is not null).ToDictionary(a => a.Key, a => a.Irsa.RoleArn!, StringComparer.Ordinal);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (roles.Count == 0)
        {
            return result;
        }

        var namespaces = accounts.Where(a => a.Irsa.RoleArn is not null).Select(a => a.Namespace).Distinct(StringComparer.Ordinal).ToList();
        var listed = namespaces.Count == 1 ? namespaces[0] : null;
        var found = roles.Keys.ToDictionary(k => k, _ => new List<KubePod>(), StringComparer.Ordinal);
        try
        {
            await kube.ForEachPodPageAsync(
                listed,
                page =>
                {
                    foreach (var pod in page.Items)
                    {
                        if (found.TryGetValue(pod.Namespace + "/" + pod.ServiceAccountName, out var list))
                        {
                            list.Add(pod);
                        }
                    }

                    return Task.CompletedTask;
                },
                null,
                cancellationToken).ConfigureAwait(false);
        }
        catch (IrsaException ex) when (ex.Kind == IrsaErrorKind.PermissionDenied)
        {
            host.WriteWarning($"Pods cannot be listed in {(listed is null ? "all namespaces" : "namespace " + listed)} ({ex.Message}); PodsToRestart is left empty.");
            return result;
        }

        foreach (var pair in found)
        {
            result[pair.Key] = Select(pair.Value, roles[pair.Key]);
        }

        return result;
    }
}
