using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Emulators.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>Pods (webhook detection, paging, selectors), TokenRequest and SelfSubjectAccessReview against the stand-in.</summary>
public class PodAndTokenWireTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/app";

    [Fact]
    public async Task Pods_ReportWhetherTheWebhookInjectedIrsa_BeforeAndAfterTheAnnotation()
    {
        await using var cluster = await TestCluster.StartAsync(options: new KubeApiStandInOptions { WebhookRegion = "us-east-1" });
        var store = cluster.Server.Store;
        store.EnsureNamespace("web");
        store.CreateServiceAccount("web", "app");
        store.CreatePod(new KubeSeedPod("web", "app-old", "app", "node-a", OwnerKind: "ReplicaSet", OwnerName: "app-5d9c").ToObject());
        store.UpdateServiceAccount("web", "app", null, sa => (sa.Meta.Labels, new Dictionary<string, string> { [IrsaAnnotationKeys.RoleArn] = RoleArn }, null));
        store.CreatePod(new KubeSeedPod("web", "app-new", "app", "node-b", HostNetwork: true, OwnerKind: "ReplicaSet", OwnerName: "app-5d9c").ToObject());
        store.CreatePod(new KubeSeedPod("web", "other", "default", Phase: "Pending").ToObject());
        using var client = cluster.Client();

        var pods = (await client.ListPodsAsync("web")).ToDictionary(p => p.Name);

        var old = pods["app-old"];
        Assert.Equal("app", old.ServiceAccountName);
        Assert.False(old.HasAwsRoleArnEnv);
        Assert.False(old.HasWebIdentityTokenFileEnv);
        Assert.Equal("ReplicaSet", old.OwnerKind);
        Assert.Equal("app-5d9c", old.OwnerName);
        Assert.Equal("node-a", old.NodeName);
        Assert.Equal("Running", old.Phase);
        Assert.NotNull(old.CreationTimestamp);

        var fresh = pods["app-new"];
        Assert.True(fresh.HasAwsRoleArnEnv);
        Assert.True(fresh.HasWebIdentityTokenFileEnv);
        Assert.Equal(RoleArn, fresh.AwsRoleArn);
        Assert.True(fresh.HostNetwork);

        Assert.Equal("Pending", pods["other"].Phase);
        Assert.Null(pods["other"].OwnerKind);

        var forApp = await client.ListPodsForServiceAccountAsync("web", "app");
        Assert.Equal(["app-new", "app-old"], forApp.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains(cluster.Server.Requests, r => r.Query.Contains("fieldSelector=spec.serviceAccountName%3Dapp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paging_CoversEveryObjectOnceAcrossNamespaces_WithContinueTokens()
    {
        await using var cluster = await TestCluster.StartAsync();
        new KubeSeedGenerator(Namespaces: 3, ServiceAccountsPerNamespace: 4, Pods: 14).ApplyTo(cluster.Server.Store);
        using var client = cluster.Client();
        var pageSizes = new List<int>();
        var accounts = new List<string>();

        await client.ForEachServiceAccountPageAsync(
            null,
            page =>
            {
                pageSizes.Add(page.Items.Count);
                accounts.AddRange(page.Items.Select(a => a.Key));
                return Task.CompletedTask;
            },
            new KubeListOptions { PageSize = 5 });

        // 3 namespaces x (4 + "default") = 15 ServiceAccounts in pages of 5.
        Assert.Equal([5, 5, 5], pageSizes);
        Assert.Equal(15, accounts.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(accounts.Order(StringComparer.Ordinal), accounts);
        var continues = cluster.Server.Requests.Where(r => r.Path == "/api/v1/serviceaccounts").Select(r => r.Query.Contains("continue=", StringComparison.Ordinal)).ToList();
        Assert.Equal([false, true, true], continues);

        var first = await client.ListPodsPageAsync(null, new KubeListOptions { PageSize = 4 });
        Assert.Equal(4, first.Items.Count);
        Assert.Equal(10, first.RemainingItemCount);
        Assert.False(first.IsLast);
        var pods = await client.ListPodsAsync(null, new KubeListOptions { PageSize = 4 });
        Assert.Equal(14, pods.Count);
        Assert.Equal(14, pods.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task PageSize_IsValidated()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var client = cluster.Client();
        var error = await Assert.ThrowsAsync<IrsaValidationException>(() => client.ListPodsPageAsync(null, new KubeListOptions { PageSize = 0 }));
        Assert.Equal(ErrorIds.InvalidPageSize, error.ErrorId);
    }

    [Fact]
    public async Task TokenRequest_ReturnsAJwtSignedByTheIssuer_ForTheServiceAccountAndAudience()
    {
        const string issuer = "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE0123456789";
        await using var cluster = await TestCluster.StartAsync(options: new KubeApiStandInOptions { Issuer = issuer });
        cluster.Server.Store.EnsureNamespace("web");
        var account = cluster.Server.Store.CreateServiceAccount("web", "app");
        using var client = cluster.Client();

        var token = await client.RequestServiceAccountTokenAsync("web", "app", ["sts.amazonaws.com"], 3600);

        Assert.Equal(["sts.amazonaws.com"], token.Audiences);
        Assert.InRange(token.ExpirationTimestamp!.Value, DateTimeOffset.UtcNow.AddMinutes(58), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.DoesNotContain(token.Token, token.ToString(), StringComparison.Ordinal);
        var parts = token.Token.Split('.');
        using var header = JsonDocument.Parse(Base64Url(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url(parts[1]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(issuer, payload.RootElement.GetProperty("iss").GetString());
        Assert.Equal("system:serviceaccount:web:app", payload.RootElement.GetProperty("sub").GetString());
        Assert.Equal("sts.amazonaws.com", payload.RootElement.GetProperty("aud")[0].GetString());
        Assert.Equal(account.Meta.Uid, payload.RootElement.GetProperty("kubernetes.io").GetProperty("serviceaccount").GetProperty("uid").GetString());

        // The signature verifies with the published JWKS (anonymous, like a real cluster's discovery endpoints).
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cluster.Server.CertificateAuthority.Signed(cert) });
        using var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri(cluster.Server.Endpoint, "/.well-known/openid-configuration")));
        Assert.Equal(issuer, discovery.RootElement.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "/keys", discovery.RootElement.GetProperty("jwks_uri").GetString());
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri(cluster.Server.Endpoint, "/openid/v1/jwks")));
        var key = jwks.RootElement.GetProperty("keys")[0];
        Assert.Equal(header.RootElement.GetProperty("kid").GetString(), key.GetProperty("kid").GetString());
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64Url(key.GetProperty("n").GetString()!), Exponent = Base64Url(key.GetProperty("e").GetString()!) });
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task TokenRequest_TooShort_Is422_MissingAccount_Is404()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.CreateServiceAccount("web", "app");
        using var client = cluster.Client();

        var invalid = await Assert.ThrowsAsync<KubernetesInvalidException>(() => client.RequestServiceAccountTokenAsync("web", "app", ["sts.amazonaws.com"], 60));
        Assert.Contains("less than 10 minutes", invalid.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<KubernetesNotFoundException>(() => client.RequestServiceAccountTokenAsync("web", "ghost", ["sts.amazonaws.com"]));
        Assert.Contains("serviceaccounts \"ghost\" not found", missing.Message, StringComparison.Ordinal);
        Assert.Equal("web/ghost", missing.Target);
    }

    [Fact]
    public async Task Forbidden_NamesTheMissingPermission()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.AddToken("viewer-Token-0123456789abcdef", KubeGrant.ReadOnlyEverywhere("viewer"));
        using var viewer = cluster.Client("viewer-Token-0123456789abcdef");

        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.CreateServiceAccount("web", "app");
        var denied = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => viewer.PatchServiceAccountAnnotationsAsync("web", "app", new Dictionary<string, string?> { ["a.example.com/b"] = "c" }));
        Assert.Contains("cannot patch resource \"serviceaccounts\"", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespaces_AreListed()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.EnsureNamespace("kube-system");
        using var client = cluster.Client();

        var namespaces = await client.ListNamespacesAsync();

        Assert.Equal(["kube-system", "web"], namespaces.Select(n => n.Name));
        Assert.All(namespaces, n => Assert.Equal("Active", n.Phase));
    }

    private static byte[] Base64Url(string value)
    {
        var text = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
    }
}
