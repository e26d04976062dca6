using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Completion;
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

    /// <summary>The EKS cluster of the service account.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>The namespace of the service account.</summary>
    [Parameter(ParameterSetName = ServiceAccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = AllSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>The service account.</summary>
    [Parameter(ParameterSetName = ServiceAccountSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ServiceAccountName { get; set; } = string.Empty;

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
        var clusterName = ClusterName;
        var ns = ParameterConversion.EmptyAsNull(Namespace);
        var options = new TrustTestOptions { RoleArn = ParameterConversion.EmptyAsNull(RoleArn), Live = Live.IsPresent };
        if (AllNamespaces)
        {
            if (TryRun(clusterName, (session, ct) => TestAllAsync(session, clusterName, ns, options, ct), out var results))
            {
                WriteResults(results);
            }

            return;
        }

        var name = ServiceAccountName;
        if (TryRun(ns + "/" + name, (session, ct) => TestOneAsync(session, clusterName, ns!, name, options, ct), out var result))
        {
            WriteResult(result);
        }
    }

    private async Task<IrsaTrustResult> TestOneAsync(IrsaSession session, string clusterName, string ns, string name, TrustTestOptions options, CancellationToken cancellationToken)
    {
        options.Validate(ns, name); // before any call: a garbage -RoleArn is refused without reading AWS.
        var (cluster, tester) = await TesterAsync(session, clusterName, cancellationToken).ConfigureAwait(false);
        return await tester.TestAsync(cluster, ns, name, options, cancellationToken).ConfigureAwait(false);
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
