using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Completion;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Verification;
using IrsaPS.Infrastructure;

namespace IrsaPS.Trust;

/// <summary>
/// Test-IrsaTrust: can this service account assume this role? Evaluates the role's trust policy with IAM's condition
/// semantics for the exact token the pod would carry (sub, aud, issuer), checks the OIDC provider and its client ids,
/// and lists every reason it fails with its fix. -Live also requests a real token and calls AssumeRoleWithWebIdentity.
/// Roles and providers are read once per cluster and shared by every item of the pipeline.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "IrsaTrust", DefaultParameterSetName = ServiceAccountSet)]
[OutputType(typeof(IrsaTrustResult))]
public sealed class TestIrsaTrustCommand : IrsaClusterCmdlet
{
    private const string ServiceAccountSet = "ServiceAccount";
    private const string AllSet = "AllNamespaces";

    private readonly ConcurrentDictionary<(IrsaSession Session, string Cluster), IrsaTrustTester> _testers = new();

    /// <summary>The EKS cluster of the service account; the cluster the kubeconfig context names when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string? ClusterName { get; set; }

    /// <summary>The namespace of the service account (or write -ServiceAccountName as namespace/name).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>The service account, name or namespace/name; without it, -RoleArn's every service account.</summary>
    [Parameter(ParameterSetName = ServiceAccountSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    public string? ServiceAccountName { get; set; }

    /// <summary>The role to test; the service account's eks.amazonaws.com/role-arn annotation when omitted.</summary>
    [Parameter(ParameterSetName = ServiceAccountSet, ValueFromPipelineByPropertyName = true)]
    public string? RoleArn { get; set; }

    /// <summary>Test every annotated service account (of -Namespace, else of every namespace).</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter AllNamespaces { get; set; }

    /// <summary>Also prove it: request a token for the service account and call AssumeRoleWithWebIdentity.</summary>
    [Parameter]
    public SwitchParameter Live { get; set; }

    protected override void ProcessRecord()
    {
        var givenCluster = ParameterConversion.EmptyAsNull(ClusterName);
        var ns = ParameterConversion.EmptyAsNull(Namespace);
        var name = ParameterConversion.EmptyAsNull(ServiceAccountName);
        var roleArn = ParameterConversion.EmptyAsNull(RoleArn);
        var options = new TrustTestOptions { RoleArn = name is null ? null : roleArn, Live = Live.IsPresent };
        if (AllNamespaces)
        {
            if (TryRun(givenCluster, (session, ct) => TestAllAsync(session, Cluster(session, givenCluster), ns, options, ct), out var results))
            {
                WriteResults(results);
            }

            return;
        }

        if (name is null)
        {
            // A role without a service account (Get-IrsaRole | Test-IrsaTrust for a role that admits several): test them all.
            if (roleArn is null)
            {
                ThrowFailure(
                    new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Name a service account (-ServiceAccountName name or namespace/name) or a role (-RoleArn), or use -AllNamespaces."),
                    null);
            }

            if (TryRun(roleArn, (session, ct) => TestRoleAsync(session, Cluster(session, givenCluster), roleArn!, options, ct), out var results))
            {
                WriteResults(results);
            }

            return;
        }

        if (TryRun(ServiceAccountRef.Display(ns, name), (session, ct) => TestOneAsync(session, Cluster(session, givenCluster), ServiceAccountRef.Parse(ns, name), options, ct), out var result))
        {
            WriteResult(result);
        }
    }

    /// <summary>-ClusterName, else the EKS cluster the kubeconfig context names, else ClusterNameRequired.</summary>
    private static string Cluster(IrsaSession session, string? given) =>
        given
        ?? KubeContextCluster.Find(session.Settings)
        ?? throw new IrsaValidationException(
            ErrorIds.ClusterNameRequired,
            "Give -ClusterName: the kubeconfig context does not say which EKS cluster it is (its exec plugin, cluster ARN or eksctl name would).");

    private async Task<IReadOnlyList<IrsaTrustResult>> TestRoleAsync(IrsaSession session, string clusterName, string roleArn, TrustTestOptions options, CancellationToken cancellationToken)
    {
        new TrustTestOptions { RoleArn = roleArn }.Validate(); // before any call: a garbage -RoleArn is refused without reading AWS.
        var (cluster, tester) = await TesterAsync(session, clusterName, cancellationToken).ConfigureAwait(false);
        return await tester.TestRoleAsync(TrustClusterContext.From(cluster), roleArn, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IrsaTrustResult> TestOneAsync(IrsaSession session, string clusterName, ServiceAccountRef account, TrustTestOptions options, CancellationToken cancellationToken)
    {
        options.Validate(account.Namespace, account.Name); // before any call: a garbage -RoleArn is refused without reading AWS.
        var (cluster, tester) = await TesterAsync(session, clusterName, cancellationToken).ConfigureAwait(false);
        return await tester.TestAsync(cluster, account.Namespace, account.Name, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<IrsaTrustResult>> TestAllAsync(IrsaSession session, string clusterName, string? ns, TrustTestOptions options, CancellationToken cancellationToken)
    {
        options.Validate(ns);
        var (cluster, tester) = await TesterAsync(session, clusterName, cancellationToken).ConfigureAwait(false);
        return await tester.TestAllAsync(cluster, ns, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(IrsaCluster Cluster, IrsaTrustTester Tester)> TesterAsync(IrsaSession session, string clusterName, CancellationToken cancellationToken)
    {
        var cluster = await session.GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
        if (!_testers.TryGetValue((session, clusterName), out var tester))
        {
            var kube = await session.GetKubernetesAsync(clusterName, cancellationToken).ConfigureAwait(false);
            tester = _testers.GetOrAdd((session, clusterName), _ => new IrsaTrustTester(session.Aws, kube, session.Host));
        }

        return (cluster, tester);
    }
}
