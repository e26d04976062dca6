using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Core.Tests.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>
/// Get-IrsaServiceAccount's namespace rule (kubectl's), and a kubeconfig-only session: no AWS settings are needed (or
/// even looked at) to work with ServiceAccounts when no EKS cluster is named.
/// </summary>
public class ServiceAccountQueryWireTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/app";

    private static IrsaSession KubeOnlySession(string kubeconfig, RecordingOperationHost host) => new(
        new IrsaSessionSettings
        {
            // Touching AWS at all would fail on this URL: the test proves nothing asks for the AWS connection.
            Aws = new AwsConnectionSettings { EndpointUrl = "not a url" },
            KubeConfigPath = kubeconfig,
        },
        host);

    private static async Task<TestCluster> SeededAsync()
    {
        var cluster = await TestCluster.StartAsync();
        var store = cluster.Server.Store;
        foreach (var ns in new[] { "web", "payments" })
        {
            store.EnsureNamespace(ns);
        }

        store.CreateServiceAccount("web", "app", new Dictionary<string, string> { [IrsaAnnotationKeys.RoleArn] = RoleArn });
        store.CreateServiceAccount("web", "plain");
        store.CreateServiceAccount("payments", "api", new Dictionary<string, string> { [IrsaAnnotationKeys.RoleArn] = RoleArn });
        store.CreateServiceAccount("payments", "app", new Dictionary<string, string> { [IrsaAnnotationKeys.RoleArn] = RoleArn });
        return cluster;
    }

    [Fact]
    public async Task WithoutANamespaceTheContextNamespaceIsListed()
    {
        await using var cluster = await SeededAsync();
        using var session = KubeOnlySession(cluster.WriteTokenKubeConfig(), new RecordingOperationHost());

        var listed = await IrsaServiceAccounts.GetAsync(session, null, null, null, false, allNamespaces: false, CancellationToken.None);

        Assert.Equal(["web/app"], listed.Select(a => a.ToString()));
        Assert.Equal("app", listed[0].RoleName);
    }

    [Fact]
    public async Task AllNamespacesListsEveryAnnotatedAccountAndAnExactNameInEach()
    {
        await using var cluster = await SeededAsync();
        using var session = KubeOnlySession(cluster.WriteTokenKubeConfig(), new RecordingOperationHost());

        var all = await IrsaServiceAccounts.GetAsync(session, null, null, null, false, allNamespaces: true, CancellationToken.None);
        Assert.Equal(["payments/api", "payments/app", "web/app"], all.Select(a => a.ToString()));

        var named = await IrsaServiceAccounts.GetAsync(session, null, null, "app", false, allNamespaces: true, CancellationToken.None);
        Assert.Equal(["payments/app", "web/app"], named.Select(a => a.ToString()));

        var withPlain = await IrsaServiceAccounts.GetAsync(session, null, "web", "*", true, allNamespaces: false, CancellationToken.None);
        Assert.Contains(withPlain, a => a.ServiceAccountName == "plain" && a.RoleArn is null);
    }

    [Fact]
    public async Task AnExactNameOutsideTheNamespaceIsNotFound()
    {
        await using var cluster = await SeededAsync();
        using var session = KubeOnlySession(cluster.WriteTokenKubeConfig(), new RecordingOperationHost());

        var error = await Assert.ThrowsAsync<IrsaException>(
            () => IrsaServiceAccounts.GetAsync(session, null, null, "api", false, allNamespaces: false, CancellationToken.None));
        Assert.Equal(ErrorIds.ServiceAccountNotFound, error.ErrorId);
        Assert.Equal("web/api", error.Target);

        var both = await Assert.ThrowsAsync<IrsaValidationException>(
            () => IrsaServiceAccounts.GetAsync(session, null, "web", null, false, allNamespaces: true, CancellationToken.None));
        Assert.Equal(ErrorIds.InvalidParameterCombination, both.ErrorId);
    }

    [Fact]
    public async Task CompletionListsNamespacesAndServiceAccounts()
    {
        await using var cluster = await SeededAsync();
        using var session = KubeOnlySession(cluster.WriteTokenKubeConfig(), new RecordingOperationHost());

        Assert.Equal(["payments"], await CompletionQueries.NamespacesAsync(session, null, "pay", CancellationToken.None));
        Assert.Equal(["app", "default", "plain"], await CompletionQueries.ServiceAccountNamesAsync(session, null, null, null, CancellationToken.None));
        Assert.Equal(["api", "app"], await CompletionQueries.ServiceAccountNamesAsync(session, null, "payments", "a", CancellationToken.None));
    }

    [Fact]
    public async Task ThePipedDefaultAudienceAddsNoAnnotationButReplacesAnother()
    {
        var request = new SetServiceAccountRequest { Namespace = "web", Name = "app", RoleArn = RoleArn, Audience = "sts.amazonaws.com" };
        var fresh = request.ValidateAndPlan(null);
        Assert.DoesNotContain(IrsaAnnotationKeys.Audience, fresh.Patch.Keys);

        await using var cluster = await SeededAsync();
        cluster.Server.Store.CreateServiceAccount("web", "custom", new Dictionary<string, string> { [IrsaAnnotationKeys.Audience] = "vault" });
        using var client = cluster.Client();
        var custom = await client.GetServiceAccountAsync("web", "custom");
        var replacing = new SetServiceAccountRequest { Namespace = "web", Name = "custom", RoleArn = RoleArn, Audience = "sts.amazonaws.com" }.ValidateAndPlan(custom);
        Assert.Equal("sts.amazonaws.com", replacing.Patch[IrsaAnnotationKeys.Audience]);
    }
}
