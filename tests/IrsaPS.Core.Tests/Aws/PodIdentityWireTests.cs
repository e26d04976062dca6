using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Eks;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// The core's EKS client against the emulator layer's Pod Identity operations: the botocore routes and members, paging at
/// 100, filters, 409 ResourceInUseException on a second association of a service account, 404 for an unknown cluster or
/// association, add-on-owned associations refused, client request tokens, and the consistency delay.
/// </summary>
public sealed class PodIdentityWireTests : IClassFixture<PodIdentityWorld>
{
    private readonly PodIdentityWorld _world;

    public PodIdentityWireTests(PodIdentityWorld world) => _world = world;

    private static string Role(string name) => $"arn:aws:iam::{PodIdentityWorld.AccountId}:role/{name}";

    [Fact]
    public async Task Create_Describe_Update_Delete_RoundTripEveryMember()
    {
        using var aws = _world.Connect();
        var ns = Names.Unique("rt");
        var created = (await aws.Eks.CreatePodIdentityAssociationAsync(new CreatePodIdentityAssociationRequest
        {
            ClusterName = PodIdentityWorld.ClusterName,
            Namespace = ns,
            ServiceAccount = "app",
            RoleArn = Role("app"),
            Tags = new Dictionary<string, string> { ["team"] = "web" },
            DisableSessionTags = true,
            ClientRequestToken = Guid.NewGuid().ToString(),
        })).Association;

        Assert.Matches("^a-[a-z0-9]{17}$", created.AssociationId);
        Assert.Equal($"arn:aws:eks:{PodIdentityWorld.Region}:{PodIdentityWorld.AccountId}:podidentityassociation/{PodIdentityWorld.ClusterName}/{created.AssociationId}", created.AssociationArn);
        Assert.Equal(("app", Role("app"), "web"), (created.ServiceAccount, created.RoleArn, created.Tags["team"]));
        Assert.True(created.DisableSessionTags);
        Assert.NotNull(created.CreatedAt);

        var described = (await aws.Eks.DescribePodIdentityAssociationAsync(new DescribePodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, AssociationId = created.AssociationId })).Association;
        Assert.Equal(created.AssociationArn, described.AssociationArn);
        Assert.Null(described.OwnerArn);

        var updated = (await aws.Eks.UpdatePodIdentityAssociationAsync(new UpdatePodIdentityAssociationRequest
        {
            ClusterName = PodIdentityWorld.ClusterName,
            AssociationId = created.AssociationId,
            RoleArn = Role("other"),
            DisableSessionTags = false,
            TargetRoleArn = "arn:aws:iam::210987654321:role/cross",
        })).Association;
        Assert.Equal(Role("other"), updated.RoleArn);
        Assert.False(updated.DisableSessionTags);
        Assert.Equal("arn:aws:iam::210987654321:role/cross", updated.TargetRoleArn);
        Assert.False(string.IsNullOrEmpty(updated.ExternalId));

        var deleted = (await aws.Eks.DeletePodIdentityAssociationAsync(new DeletePodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, AssociationId = created.AssociationId })).Association;
        Assert.Equal(created.AssociationId, deleted.AssociationId);
        var gone = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Eks.DescribePodIdentityAssociationAsync(new DescribePodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, AssociationId = created.AssociationId }));
        Assert.Equal(("ResourceNotFoundException", 404), (gone.AwsErrorCode, gone.HttpStatusCode));
    }

    [Fact]
    public async Task ASecondAssociationForOneServiceAccount_Is409ResourceInUse_NamingTheFirst()
    {
        using var aws = _world.Connect();
        var ns = Names.Unique("dup");
        var first = (await aws.Eks.CreatePodIdentityAssociationAsync(new CreatePodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, Namespace = ns, ServiceAccount = "app", RoleArn = Role("a") })).Association;

        var second = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Eks.CreatePodIdentityAssociationAsync(
            new CreatePodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, Namespace = ns, ServiceAccount = "app", RoleArn = Role("b") }));

        Assert.Equal(("ResourceInUseException", 409), (second.AwsErrorCode, second.HttpStatusCode));
        Assert.Contains("Association already exists: " + first.AssociationId, second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameClientRequestToken_ReturnsTheSameAssociation_WithoutA409()
    {
        using var aws = _world.Connect();
        var ns = Names.Unique("token");
        var request = new CreatePodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, Namespace = ns, ServiceAccount = "app", RoleArn = Role("a"), ClientRequestToken = "retry-" + ns };

        var first = (await aws.Eks.CreatePodIdentityAssociationAsync(request)).Association;
        var again = (await aws.Eks.CreatePodIdentityAssociationAsync(request)).Association;

        Assert.Equal(first.AssociationId, again.AssociationId);
    }

    [Fact]
    public async Task ListFollowsEveryPage_At100_AndFiltersOnTheServer()
    {
        var ns = Names.Unique("page");
        var counter = new AwsCallCounter();
        using var aws = _world.Connect(counter);
        for (var i = 0; i < 230; i++)
        {
            _world.Associations.TryAdd(
                PodIdentityEmulator.NewRecord(_world.Associations, PodIdentityWorld.Region, _world.ClusterArn, ns, "sa-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), Role("r")),
                null,
                out _,
                out _);
        }

        var all = await aws.Eks.ListAllPodIdentityAssociationsAsync(PodIdentityWorld.ClusterName, ns);
        var one = await aws.Eks.ListAllPodIdentityAssociationsAsync(PodIdentityWorld.ClusterName, ns, "sa-042");

        Assert.Equal(230, all.Count);
        Assert.Equal(230, all.Select(a => a.AssociationId).Distinct().Count());
        Assert.All(all, a => Assert.Equal(ns, a.Namespace));
        Assert.Equal(4, counter.Calls("EKS", "ListPodIdentityAssociations")); // ceil(230 / 100) = 3, and 1 for the filtered one
        Assert.Equal("sa-042", Assert.Single(one).ServiceAccount);
    }

    [Fact]
    public async Task AnUnknownCluster_Is404_AndBadInputIsRefusedBeforeSending()
    {
        using var aws = _world.Connect();

        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Eks.ListPodIdentityAssociationsAsync(new ListPodIdentityAssociationsRequest { ClusterName = "no-such-cluster" }));
        var badId = Assert.Throws<IrsaValidationException>(() => { _ = aws.Eks.DescribePodIdentityAssociationAsync(new DescribePodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, AssociationId = "../clusters" }); });
        var badPage = Assert.Throws<IrsaValidationException>(() => { _ = aws.Eks.ListPodIdentityAssociationsAsync(new ListPodIdentityAssociationsRequest { ClusterName = PodIdentityWorld.ClusterName, MaxResults = 101 }); });

        Assert.Equal(("ResourceNotFoundException", 404), (missing.AwsErrorCode, missing.HttpStatusCode));
        Assert.Equal(ErrorIds.InvalidAssociationId, badId.ErrorId);
        Assert.Equal(ErrorIds.AwsInvalidParameter, badPage.ErrorId);
    }

    [Fact]
    public async Task AnAddonOwnedAssociation_IsListedWithItsOwner_AndCannotBeUpdatedOrDeleted()
    {
        using var aws = _world.Connect();
        var ns = Names.Unique("addon");
        var owner = $"arn:aws:eks:{PodIdentityWorld.Region}:{PodIdentityWorld.AccountId}:addon/{PodIdentityWorld.ClusterName}/aws-ebs-csi-driver/1a2b";
        var record = PodIdentityEmulator.NewRecord(_world.Associations, PodIdentityWorld.Region, _world.ClusterArn, ns, "ebs-csi-controller-sa", Role("ebs"), owner);
        _world.Associations.TryAdd(record, null, out _, out _);

        var listed = Assert.Single(await aws.Eks.ListAllPodIdentityAssociationsAsync(PodIdentityWorld.ClusterName, ns));
        var update = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Eks.UpdatePodIdentityAssociationAsync(new UpdatePodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, AssociationId = record.AssociationId, RoleArn = Role("x") }));
        var delete = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Eks.DeletePodIdentityAssociationAsync(new DeletePodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, AssociationId = record.AssociationId }));

        Assert.Equal(owner, listed.OwnerArn);
        Assert.Equal("InvalidRequestException", update.AwsErrorCode);
        Assert.Equal("InvalidRequestException", delete.AwsErrorCode);
        Assert.Equal(Role("ebs"), _world.Associations.Get(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, record.AssociationId)!.RoleArn);
    }

    [Fact]
    public async Task ANewAssociation_ReachesListAndTheWebhook_OnlyAfterTheConsistencyDelay()
    {
        var store = new PodIdentityAssociationStore { ConsistencyDelay = TimeSpan.FromMilliseconds(400) };
        var record = PodIdentityEmulator.NewRecord(store, PodIdentityWorld.Region, _world.ClusterArn, "web", "late", Role("late"));
        store.TryAdd(record, null, out _, out _);
        var webhook = store.ForCluster(PodIdentityWorld.Region, PodIdentityWorld.ClusterName);

        Assert.Empty(store.ListVisible(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, "web", null));
        Assert.False(webhook.IsAssociated("web", "late"));
        Assert.NotNull(store.Get(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, record.AssociationId)); // Describe by id works at once

        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.Single(store.ListVisible(PodIdentityWorld.Region, PodIdentityWorld.ClusterName, "web", null));
        Assert.True(webhook.IsAssociated("web", "late"));
    }

    [Fact]
    public async Task PodsCreatedAfterTheAssociation_GetPodIdentitysEnvironment_EarlierPodsKeepTheirs()
    {
        var ns = Names.Unique("env");
        _world.AddWorkload(ns, "app", new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = Role("irsa") });
        using var aws = _world.Connect();
        await aws.Eks.CreatePodIdentityAssociationAsync(new CreatePodIdentityAssociationRequest { ClusterName = PodIdentityWorld.ClusterName, Namespace = ns, ServiceAccount = "app", RoleArn = Role("pi") });
        _world.CreatePod(ns, "app");

        using var kube = new KubernetesClient(KubernetesConnection.FromKubeConfig(new KubernetesConnectionOptions { KubeConfigPath = _world.KubeConfigPath }));
        var pods = (await kube.ListPodsAsync(ns)).OrderBy(p => p.CreationTimestamp).ThenBy(p => p.HasPodIdentity).ToList();

        Assert.Equal(2, pods.Count);
        Assert.Single(pods, p => p.HasWebIdentity && !p.HasPodIdentity);
        var both = Assert.Single(pods, p => p.HasPodIdentity);
        Assert.True(both.HasWebIdentity); // annotated and associated: both, and the SDKs take web identity first
        Assert.Equal(KubePodCredentialSource.WebIdentity, both.Source);
        Assert.Equal("http://169.254.170.23/v1/credentials", both.ContainerCredentialsFullUri);
    }
}
