using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.ServiceAccounts;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

public class ServiceAccountWireTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/app";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetAndList_ReturnServiceAccountsWithTypedIrsaAnnotations(bool tls)
    {
        await using var cluster = await TestCluster.StartAsync(tls);
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.CreateServiceAccount("web", "app", new Dictionary<string, string>
        {
            [IrsaAnnotationKeys.RoleArn] = RoleArn,
            [IrsaAnnotationKeys.StsRegionalEndpoints] = "true",
            [IrsaAnnotationKeys.TokenExpiration] = "3600",
            ["team"] = "payments",
        });
        using var client = cluster.Client();

        var account = await client.GetServiceAccountAsync("web", "app");
        Assert.Equal("web", account.Namespace);
        Assert.Equal("app", account.Name);
        Assert.False(string.IsNullOrEmpty(account.Uid));
        Assert.False(string.IsNullOrEmpty(account.ResourceVersion));
        Assert.NotNull(account.CreationTimestamp);
        Assert.Equal(RoleArn, account.Irsa.RoleArn);
        Assert.True(account.Irsa.UsesRegionalStsEndpoint);
        Assert.Equal(3600, account.Irsa.TokenExpirationSeconds);
        Assert.Equal("payments", account.Annotations["team"]);

        var names = (await client.ListServiceAccountsAsync("web")).Select(a => a.Name).ToList();

        Assert.Equal(["app", "default"], names);
        Assert.Null(await client.FindServiceAccountAsync("web", "missing"));
    }

    [Fact]
    public async Task Create_ThenCreateAgain_IsAlreadyExists()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        using var client = cluster.Client();

        var created = await client.CreateServiceAccountAsync("web", "api", new Dictionary<string, string> { [IrsaAnnotationKeys.RoleArn] = RoleArn });
        Assert.Equal(RoleArn, created.Irsa.RoleArn);
        Assert.Equal(RoleArn, cluster.Server.Store.GetServiceAccount("web", "api").Meta.Annotations[IrsaAnnotationKeys.RoleArn]);

        var error = await Assert.ThrowsAsync<KubernetesAlreadyExistsException>(() => client.CreateServiceAccountAsync("web", "api"));
        Assert.Equal(ErrorIds.KubeAlreadyExists, error.ErrorId);
        Assert.Equal(IrsaErrorKind.AlreadyExists, error.Kind);
        Assert.Equal("AlreadyExists", error.Error.Reason);
        Assert.Equal("web/api", error.Target);
    }

    [Fact]
    public async Task CreateInMissingNamespace_IsNotFound()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var client = cluster.Client();

        var error = await Assert.ThrowsAsync<KubernetesNotFoundException>(() => client.CreateServiceAccountAsync("nowhere", "api"));
        Assert.Contains("namespaces \"nowhere\" not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchAnnotations_TouchesOnlyGivenKeys_AndRemovesWithNull()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.CreateServiceAccount("web", "app", new Dictionary<string, string>
        {
            ["keep.example.com/owner"] = "team-a",
            [IrsaAnnotationKeys.Audience] = "old-audience",
        });
        using var client = cluster.Client();

        var patched = await client.PatchServiceAccountAnnotationsAsync("web", "app", new Dictionary<string, string?>
        {
            [IrsaAnnotationKeys.RoleArn] = RoleArn,
            [IrsaAnnotationKeys.Audience] = null,
        });

        Assert.Equal(RoleArn, patched.Irsa.RoleArn);
        Assert.Null(patched.Irsa.Audience);
        Assert.Equal("team-a", patched.Annotations["keep.example.com/owner"]);
        var stored = cluster.Server.Store.GetServiceAccount("web", "app").Meta.Annotations;
        Assert.Equal(2, stored.Count);
        Assert.Equal("team-a", stored["keep.example.com/owner"]);
        var patch = cluster.Server.Requests.Single(r => r.Method == "PATCH");
        Assert.Equal("application/merge-patch+json", patch.ContentType);
    }

    [Fact]
    public async Task PatchWithStaleResourceVersion_IsConflict_NotAlreadyExists()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.CreateServiceAccount("web", "app");
        using var client = cluster.Client();
        var read = await client.GetServiceAccountAsync("web", "app");
        await client.PatchServiceAccountAnnotationsAsync("web", "app", new Dictionary<string, string?> { ["x.example.com/a"] = "1" });

        var error = await Assert.ThrowsAsync<KubernetesConflictException>(() =>
            client.PatchServiceAccountAnnotationsAsync("web", "app", new Dictionary<string, string?> { [IrsaAnnotationKeys.RoleArn] = RoleArn }, read.ResourceVersion));

        Assert.Equal(ErrorIds.KubeConflict, error.ErrorId);
        Assert.Equal(IrsaErrorKind.Conflict, error.Kind);
        Assert.Equal("Conflict", error.Error.Reason);
        Assert.False(cluster.Server.Store.GetServiceAccount("web", "app").Meta.Annotations.ContainsKey(IrsaAnnotationKeys.RoleArn));
    }

    [Fact]
    public async Task PatchWithInvalidAnnotationKey_IsInvalid422()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.CreateServiceAccount("web", "app");
        using var client = cluster.Client();

        var error = await Assert.ThrowsAsync<KubernetesInvalidException>(() =>
            client.PatchServiceAccountAnnotationsAsync("web", "app", new Dictionary<string, string?> { ["bad key!"] = "x" }));

        Assert.Equal(422, (int)error.StatusCode);
        Assert.Equal(ErrorIds.KubeInvalid, error.ErrorId);
        Assert.Contains("bad key!", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyChange_CreatesMissingServiceAccount()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        using var client = cluster.Client();
        var current = await client.FindServiceAccountAsync("web", "app");
        var change = ServiceAccountAnnotationChange.ForIrsa("web", "app", current, RoleArn, audience: "sts.amazonaws.com");
        Assert.True(change.WillCreate);

        var result = await client.ApplyAnnotationChangeAsync(change);

        Assert.True(result.Created);
        Assert.True(result.Changed);
        Assert.Equal(RoleArn, result.ServiceAccount!.Irsa.RoleArn);
        Assert.Equal("sts.amazonaws.com", cluster.Server.Store.GetServiceAccount("web", "app").Meta.Annotations[IrsaAnnotationKeys.Audience]);
    }

    [Fact]
    public async Task ApplyChange_AdoptsServiceAccountCreatedMeanwhile_KeepingItsAnnotations()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        using var client = cluster.Client();
        var change = ServiceAccountAnnotationChange.ForIrsa("web", "app", null, RoleArn);
        cluster.Server.Store.CreateServiceAccount("web", "app", new Dictionary<string, string> { ["helm.sh/chart"] = "app-1.0" });

        var result = await client.ApplyAnnotationChangeAsync(change);

        Assert.False(result.Created);
        Assert.True(result.Changed);
        var stored = cluster.Server.Store.GetServiceAccount("web", "app").Meta.Annotations;
        Assert.Equal(RoleArn, stored[IrsaAnnotationKeys.RoleArn]);
        Assert.Equal("app-1.0", stored["helm.sh/chart"]);
        Assert.Contains(cluster.Server.Requests, r => r.Method == "POST" && r.StatusCode == 409);
    }

    [Fact]
    public async Task RemoveIrsa_RemovesOnlyTheFourKeys()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.CreateServiceAccount("web", "app", new Dictionary<string, string>
        {
            [IrsaAnnotationKeys.RoleArn] = RoleArn,
            [IrsaAnnotationKeys.Audience] = "sts.amazonaws.com",
            [IrsaAnnotationKeys.StsRegionalEndpoints] = "true",
            [IrsaAnnotationKeys.TokenExpiration] = "86400",
            ["other.example.com/x"] = "y",
        });
        using var client = cluster.Client();
        var change = ServiceAccountAnnotationChange.RemoveIrsa("web", "app", await client.GetServiceAccountAsync("web", "app"));
        Assert.Equal(4, change.Patch.Count);
        Assert.All(change.Patch.Values, Assert.Null);

        var result = await client.ApplyAnnotationChangeAsync(change);

        Assert.True(result.ServiceAccount!.Irsa.IsEmpty);
        Assert.Equal(new Dictionary<string, string> { ["other.example.com/x"] = "y" }, cluster.Server.Store.GetServiceAccount("web", "app").Meta.Annotations);
    }

    [Fact]
    public async Task ApplyUnchangedPlan_SendsNothing()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.CreateServiceAccount("web", "app", new Dictionary<string, string> { [IrsaAnnotationKeys.RoleArn] = RoleArn });
        using var client = cluster.Client();
        var change = ServiceAccountAnnotationChange.ForIrsa("web", "app", await client.GetServiceAccountAsync("web", "app"), RoleArn);
        cluster.Server.ClearRequests();

        var result = await client.ApplyAnnotationChangeAsync(change);

        Assert.False(result.Changed);
        Assert.Empty(cluster.Server.Requests);
    }

    [Fact]
    public async Task Delete_RemovesServiceAccount_AndReportsMissing()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.CreateServiceAccount("web", "app");
        using var client = cluster.Client();

        Assert.True(await client.DeleteServiceAccountAsync("web", "app"));
        Assert.Null(cluster.Server.Store.FindServiceAccount("web", "app"));
        Assert.False(await client.DeleteServiceAccountAsync("web", "app"));
    }

    [Fact]
    public async Task BadNames_AreRejectedBeforeAnyRequest()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var client = cluster.Client();

        var ns = await Assert.ThrowsAsync<IrsaValidationException>(() => client.GetServiceAccountAsync("Web", "app"));
        Assert.Equal(ErrorIds.InvalidNamespace, ns.ErrorId);
        var name = await Assert.ThrowsAsync<IrsaValidationException>(() => client.CreateServiceAccountAsync("web", "app_1"));
        Assert.Equal(ErrorIds.InvalidServiceAccountName, name.ErrorId);
        Assert.Empty(cluster.Server.Requests);
    }
}
