using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Eks;
using IrsaPS.Emulators.Kubernetes;
using Xunit;
using Xunit.Abstractions;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>
/// The inventory at scale, counted: 20,000 service accounts and 2,000 associations take exactly ceil(2,000 / 100) = 20
/// ListPodIdentityAssociations calls and one DescribePodIdentityAssociation per association, and no call per service
/// account (Get-IrsaWorkloadIdentity -AllNamespaces and the audit's Pod Identity checks alike).
/// </summary>
public sealed class PodIdentityScaleWireTests : IClassFixture<PodIdentityWorld>
{
    private const int Namespaces = 100;
    private const int PerNamespace = 200;
    private const int Associations = 2000;
    private readonly PodIdentityWorld _world;
    private readonly ITestOutputHelper _output;

    public PodIdentityScaleWireTests(PodIdentityWorld world, ITestOutputHelper output)
    {
        _world = world;
        _output = output;
        if (_world.Kube.Store.ServiceAccountCount < Namespaces * PerNamespace)
        {
            new KubeSeedGenerator(Namespaces, PerNamespace, Pods: 4000, AnnotateEvery: 4).ApplyTo(_world.Kube.Store);
            for (var i = 0; i < Associations; i++)
            {
                // Every 10th service account of every namespace: 20 per namespace, 2,000 in all (some annotated too).
                var ns = "ns-" + (i / 20).ToString("D4", CultureInfo.InvariantCulture);
                var sa = "sa-" + (i % 20 * 10).ToString("D4", CultureInfo.InvariantCulture);
                _world.Associations.TryAdd(
                    PodIdentityEmulator.NewRecord(_world.Associations, PodIdentityWorld.Region, _world.ClusterArn, ns, sa, $"arn:aws:iam::{PodIdentityWorld.AccountId}:role/{ns}-{sa}"),
                    null,
                    out _,
                    out _);
            }
        }
    }

    [Fact]
    public async Task WorkloadIdentityOfAllNamespaces_ListsAt100_DescribesEachAssociationOnce_AndCallsNothingPerServiceAccount()
    {
        var counter = new AwsCallCounter();
        using var session = _world.Session(new RecordingHost(), counter);
        var clock = Stopwatch.StartNew();

        var identities = await IrsaWorkloadIdentities.GetAsync(session, PodIdentityWorld.ClusterName, null, null, allNamespaces: true, includeUnconfigured: true, default);

        clock.Stop();
        _output.WriteLine($"{identities.Count:N0} service accounts, {Associations:N0} associations: {clock.Elapsed.TotalSeconds:0.00} s, {counter.TotalCalls:N0} AWS calls");
        Assert.True(identities.Count >= Namespaces * PerNamespace);
        Assert.Equal(Associations, identities.Count(i => i.AssociationId is not null));
        Assert.Equal(Associations / 100, counter.Calls("EKS", "ListPodIdentityAssociations"));
        Assert.Equal(Associations, counter.Calls("EKS", "DescribePodIdentityAssociation"));
        Assert.Equal(counter.Calls("EKS", "ListPodIdentityAssociations") + counter.Calls("EKS", "DescribePodIdentityAssociation") + 3, counter.TotalCalls); // + DescribeCluster, GetCallerIdentity, GetOpenIDConnectProvider
        Assert.Contains(identities, i => i.AnnotationShadowsAssociation);
        Assert.All(identities.Where(i => i.AssociationId is not null && i.IrsaRoleArn is null), i => Assert.Equal(IrsaCredentialSource.PodIdentity, i.NewPods));
    }

    [Fact]
    public async Task TheAuditsPodIdentityChecks_ReadTheSameWay()
    {
        var counter = new AwsCallCounter();
        using var aws = _world.Connect(counter);
        using var kube = new IrsaPS.Core.Kubernetes.KubernetesClient(IrsaPS.Core.Kubernetes.KubernetesConnection.FromKubeConfig(new IrsaPS.Core.Kubernetes.KubernetesConnectionOptions { KubeConfigPath = _world.KubeConfigPath }));

        var result = await new IrsaAuditor(aws, kube).RunAsync(PodIdentityWorld.ClusterName, new AuditOptions { Checks = ["IRSA017", "IRSA020", "IRSA022"] });

        Assert.Equal(Associations / 100, counter.Calls("EKS", "ListPodIdentityAssociations"));
        Assert.Equal(Associations, counter.Calls("EKS", "DescribePodIdentityAssociation"));
        Assert.NotEmpty(result.FindingsOf("IRSA017"));
        Assert.Empty(result.FindingsOf("IRSA020"));
        Assert.Empty(result.FindingsOf("IRSA022"));
    }
}
