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

namespace IrsaPS.Core.Operations;

/// <summary>
/// Set-, Get- and Remove-IrsaServiceAccount: the four IRSA annotations, changed with a JSON merge patch that touches
/// nothing else on the ServiceAccount, plus the pods that must restart to pick the change up (the pod identity webhook
/// only acts when a pod is created).
/// </summary>
public static class IrsaServiceAccounts
{
    public static async Task<IrsaServiceAccount?> SetAsync(IrsaSession session, SetServiceAccountRequest request, CancellationToken cancellationToken)
    {
        request.Validate();
        if (request.ClusterName is not null)
        {
            RoleArnPartition.Ensure(request.RoleArn, await session.GetClusterAsync(request.ClusterName, cancellationToken).ConfigureAwait(false));
        }

        var kube = await session.GetKubernetesAsync(request.ClusterName, cancellationToken).ConfigureAwait(false);
        var current = await kube.FindServiceAccountAsync(request.Namespace, request.Name, cancellationToken).ConfigureAwait(false);
        if (current is null && request.NoCreate)
        {
            throw NotFound(request.Namespace, request.Name, kube);
        }

        var plan = request.ValidateAndPlan(current);
        var change = new IrsaChange
        {
            Action = plan.WillCreate ? "CreateServiceAccount" : "PatchServiceAccount",
            Target = plan.Target,
            Description = plan.WillCreate
                ? $"Create ServiceAccount {plan.Target} for role {request.RoleArn}"
                : $"Annotate ServiceAccount {plan.Target} with role {request.RoleArn}",
            Detail = plan.Describe(),
            // Re-pointing an account at another role changes what its pods may do: confirm like a broadening change.
            HighImpact = current?.Irsa.RoleArn is { } previous && !string.Equals(previous, request.RoleArn, StringComparison.Ordinal),
        };

        var account = current;
        var created = false;
        if (plan.HasChanges)
        {
            if (!session.Host.ShouldProcess(change.Target, change.Description, change.Detail, change.HighImpact))
            {
                return null; // -WhatIf or declined: nothing was written, so there is nothing to describe.
            }

            var written = await kube.ApplyAnnotationChangeAsync(plan, requireUnchanged: false, cancellationToken).ConfigureAwait(false);
            change.Applied = true;
            account = written.ServiceAccount ?? await kube.GetServiceAccountAsync(request.Namespace, request.Name, cancellationToken).ConfigureAwait(false);
            created = written.Created;
        }
        else
        {
            session.Host.WriteVerbose($"ServiceAccount {plan.Target} already carries these annotations.");
        }

        var restart = await PodsToRestartAsync(kube, request.Namespace, request.Name, request.RoleArn, cancellationToken).ConfigureAwait(false);
        if (restart.Count > 0)
        {
            session.Host.WriteWarning(
                $"{restart.Count} pod(s) use {plan.Target} but were created before its role annotation and still run with the node's role: restart them (e.g. kubectl rollout restart) — {string.Join(", ", restart.Take(5))}{(restart.Count > 5 ? ", ..." : string.Empty)}.");
        }

        return Describe(request.ClusterName, account!, kube, restart, plan.HasChanges ? [change] : [], created);
    }

    /// <summary>
    /// Annotated ServiceAccounts: one namespace (or all), optionally only names matching <paramref name="namePattern"/>
    /// (wildcards allowed). A name without wildcards is read directly and reported even without annotations.
    /// Without a namespace, a listing covers every namespace (see the overload with <c>allNamespaces</c> for kubectl's rule).
    /// </summary>
    public static Task<IReadOnlyList<IrsaServiceAccount>> GetAsync(
        IrsaSession session, string? clusterName, string? @namespace, string? namePattern, bool includeUnannotated, CancellationToken cancellationToken) =>
        GetAsync(
            session,
            clusterName,
            @namespace,
            namePattern,
            includeUnannotated,
            allNamespaces: @namespace is null && (namePattern is null || KubernetesNames.HasWildcard(namePattern)),
            cancellationToken);

    /// <summary>
    /// Get-IrsaServiceAccount, with kubectl's namespace rule: <paramref name="namespace"/> if given, every namespace with
    /// <paramref name="allNamespaces"/>, else the kubeconfig context's namespace. Only annotated accounts are listed unless
    /// <paramref name="includeUnannotated"/>; a name without wildcards is reported even without annotations
    /// (<c>ServiceAccountNotFound</c> when it does not exist in the one namespace asked for).
    /// </summary>
    public static async Task<IReadOnlyList<IrsaServiceAccount>> GetAsync(
        IrsaSession session, string? clusterName, string? @namespace, string? namePattern, bool includeUnannotated, bool allNamespaces, CancellationToken cancellationToken)
    {
        var selector = ServiceAccountSelector.Parse(@namespace, namePattern, allNamespaces);
        (@namespace, namePattern) = (selector.Namespace, selector.NamePattern);
        var exactName = selector.ExactName;
        var kube = await session.GetKubernetesAsync(clusterName, cancellationToken).ConfigureAwait(false);

        // Listed through a kubeconfig context: the context may say which EKS cluster it is (so the output pipes into Test-IrsaTrust).
        clusterName ??= KubeContextCluster.Find(session.Settings);
        if (exactName && !allNamespaces)
        {
            var ns = @namespace ?? kube.Connection.Namespace;
            var one = await kube.FindServiceAccountAsync(ns, namePattern!, cancellationToken).ConfigureAwait(false) ?? throw NotFound(ns, namePattern!, kube);
            var restart = one.Irsa.RoleArn is { } role ? await PodsToRestartAsync(kube, ns, one.Name, role, cancellationToken).ConfigureAwait(false) : [];
            return [Describe(clusterName, one, kube, restart, [])];
        }

        var listed = allNamespaces ? null : @namespace ?? kube.Connection.Namespace;
        var accounts = (await kube.ListServiceAccountsAsync(listed, null, cancellationToken).ConfigureAwait(false))
            .Where(a => (includeUnannotated || exactName || a.Irsa.RoleArn is not null) && (namePattern is null || WildcardMatcher.IsMatch(a.Name, namePattern, ignoreCase: true)))
            .OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        var restarts = await PodRestart.FindAsync(kube, accounts, session.Host, cancellationToken).ConfigureAwait(false);
        return accounts
            .Select(a => Describe(clusterName, a, kube, restarts.TryGetValue(a.Key, out var pods) ? pods : [], []))
            .ToList();
    }

    /// <summary>Removes the four IRSA annotations, or deletes the ServiceAccount when <paramref name="deleteServiceAccount"/> is set.</summary>
    public static async Task<IrsaServiceAccount?> RemoveAsync(
        IrsaSession session, string? clusterName, string @namespace, string name, bool deleteServiceAccount, CancellationToken cancellationToken)
    {
        KubernetesNames.ValidateNamespace(@namespace);
        KubernetesNames.ValidateServiceAccountName(name);
        var kube = await session.GetKubernetesAsync(clusterName, cancellationToken).ConfigureAwait(false);
        var current = await kube.FindServiceAccountAsync(@namespace, name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(@namespace, name, kube);
        var target = @namespace + "/" + name;
        if (deleteServiceAccount)
        {
            var deletion = new IrsaChange
            {
                Action = "DeleteServiceAccount",
                Target = target,
                Description = $"Delete ServiceAccount {target}",
                Detail = "Pods that use it keep running with their current token until restarted; new pods fail to start until it exists again.",
                HighImpact = true,
            };
            if (session.Host.ShouldProcess(deletion.Target, deletion.Description, deletion.Detail, deletion.HighImpact))
            {
                await kube.DeleteServiceAccountAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
            }

            return null; // Deleted (nothing left to describe), or not deleted (-WhatIf, declined: nothing was done).
        }

        var plan = ServiceAccountAnnotationChange.RemoveIrsa(@namespace, name, current);
        if (!plan.HasChanges)
        {
            session.Host.WriteVerbose($"ServiceAccount {target} carries no IRSA annotations.");
            return Describe(clusterName, current, kube, [], []);
        }

        var change = new IrsaChange
        {
            Action = "PatchServiceAccount",
            Target = target,
            Description = $"Remove the IRSA annotations of ServiceAccount {target}",
            Detail = plan.Describe(),
            HighImpact = true,
        };
        if (!session.Host.ShouldProcess(change.Target, change.Description, change.Detail, change.HighImpact))
        {
            return null; // -WhatIf or declined.
        }

        var written = await kube.ApplyAnnotationChangeAsync(plan, requireUnchanged: false, cancellationToken).ConfigureAwait(false);
        change.Applied = true;
        return Describe(clusterName, written.ServiceAccount ?? current, kube, [], [change]);
    }

    /// <summary>Pods of one account that still run without <paramref name="roleArn"/> (see <see cref="PodRestart"/>): one pod listing, by field selector.</summary>
    internal static async Task<IReadOnlyList<string>> PodsToRestartAsync(
        KubernetesClient kube, string @namespace, string name, string roleArn, CancellationToken cancellationToken)
    {
        var pods = await kube.ListPodsForServiceAccountAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
        return PodRestart.Select(pods, roleArn);
    }

    private static IrsaServiceAccount Describe(
        string? clusterName, KubeServiceAccount account, KubernetesClient kube, IReadOnlyList<string> restart, IReadOnlyList<IrsaChange> changes, bool created = false)
    {
        var irsa = account.Irsa;
        string? roleName = null;
        if (irsa.RoleArn is not null && Arn.TryParse(irsa.RoleArn, out var parsed) && parsed.Resource.StartsWith("role/", StringComparison.Ordinal))
        {
            roleName = parsed.Resource.Substring(parsed.Resource.LastIndexOf('/') + 1);
        }

        return new IrsaServiceAccount
        {
            ClusterName = clusterName,
            Namespace = account.Namespace,
            ServiceAccountName = account.Name,
            RoleArn = irsa.RoleArn,
            RoleName = roleName,
            Audience = irsa.Audience,
            StsRegionalEndpoints = irsa.StsRegionalEndpoints,
            TokenExpiration = irsa.TokenExpirationSeconds is { } seconds and <= int.MaxValue ? (int)seconds : null,
            Annotations = account.Annotations,
            CreationTimestamp = account.CreationTimestamp,
            Context = kube.Connection.DisplayName,
            Created = created,
            PodsToRestart = restart,
            Changes = changes,
        };
    }

    private static IrsaException NotFound(string @namespace, string name, KubernetesClient kube) => new(
        ErrorIds.ServiceAccountNotFound,
        IrsaErrorKind.NotFound,
        $"ServiceAccount {@namespace}/{name} does not exist in {kube.Connection.DisplayName}.",
        @namespace + "/" + name);
}
