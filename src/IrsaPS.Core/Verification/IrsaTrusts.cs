using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;

namespace IrsaPS.Core.Verification;

/// <summary>What Test-IrsaTrust asks: one service account, every service account a role admits, or a whole cluster.</summary>
public sealed record TestTrustRequest
{
    /// <summary>The EKS cluster; the kubeconfig context's cluster when null.</summary>
    public string? ClusterName { get; init; }

    /// <summary>The namespace (of the service account, or the one to test with <see cref="AllNamespaces"/>).</summary>
    public string? Namespace { get; init; }

    /// <summary>The service account (name or namespace/name); null tests every service account <see cref="RoleArn"/> admits.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>The role to test against instead of the service account's annotation.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Test every annotated service account of the cluster (or of <see cref="Namespace"/>).</summary>
    public bool AllNamespaces { get; init; }

    /// <summary>Also assume the role for real (<see cref="LiveTrustProbe"/>).</summary>
    public bool Live { get; init; }
}

/// <summary>
/// Test-IrsaTrust's entry point. One <see cref="IrsaTrustTester"/> per session and cluster, so a pipeline of service
/// accounts reads each role and OIDC provider once.
/// </summary>
public static class IrsaTrusts
{
    /// <summary>Test-IrsaTrust: the results of one service account, of every service account a role admits, or of a cluster.</summary>
    public static async Task<IReadOnlyList<IrsaTrustResult>> TestAsync(IrsaSession session, TestTrustRequest request, CancellationToken cancellationToken)
    {
        var clusterName = Cluster(session, request.ClusterName);
        var name = request.ServiceAccountName;
        var options = new TrustTestOptions { RoleArn = name is null ? null : request.RoleArn, Live = request.Live };
        if (request.AllNamespaces)
        {
            options.Validate(request.Namespace);
            var (cluster, tester) = await TesterAsync(session, clusterName, cancellationToken).ConfigureAwait(false);
            return await tester.TestAllAsync(cluster, request.Namespace, options, cancellationToken).ConfigureAwait(false);
        }

        if (name is null)
        {
            // A role without a service account (Get-IrsaRole | Test-IrsaTrust for a role that admits several): test them all.
            var roleArn = request.RoleArn ?? throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                "Name a service account (-ServiceAccountName name or namespace/name) or a role (-RoleArn), or use -AllNamespaces.");
            new TrustTestOptions { RoleArn = roleArn }.Validate(); // before any call: a garbage -RoleArn is refused without reading AWS.
            var (cluster, tester) = await TesterAsync(session, clusterName, cancellationToken).ConfigureAwait(false);
            return await tester.TestRoleAsync(TrustClusterContext.From(cluster), roleArn, options, cancellationToken).ConfigureAwait(false);
        }

        var account = ServiceAccountRef.Parse(request.Namespace, name);
        options.Validate(account.Namespace, account.Name); // before any call: a garbage -RoleArn is refused without reading AWS.
        var (oneCluster, oneTester) = await TesterAsync(session, clusterName, cancellationToken).ConfigureAwait(false);
        return [await oneTester.TestAsync(oneCluster, account.Namespace, account.Name, options, cancellationToken).ConfigureAwait(false)];
    }

    private static string Cluster(IrsaSession session, string? given) =>
        given
        ?? KubeContextCluster.Find(session.Settings)
        ?? throw new IrsaValidationException(
            ErrorIds.ClusterNameRequired,
            "Give -ClusterName: the kubeconfig context does not say which EKS cluster it is (its exec plugin, cluster ARN or eksctl name would).");

    private static async Task<(IrsaCluster Cluster, IrsaTrustTester Tester)> TesterAsync(IrsaSession session, string clusterName, CancellationToken cancellationToken)
    {
        var cluster = await session.GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
        var tester = await session.MemoizeAsync("trust-tester|" + clusterName, async () =>
        {
            var kube = await session.GetKubernetesAsync(clusterName, cancellationToken).ConfigureAwait(false);
            return new IrsaTrustTester(session.Aws, kube, session.Host);
        }).ConfigureAwait(false);
        return (cluster, tester);
    }
}
