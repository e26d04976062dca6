using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Kubernetes.Auth;
using IrsaPS.Emulators.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>Each kubeconfig user type against the stand-in: the server sees the right identity, failures are clear and secret-free.</summary>
public class AuthenticationWireTests
{
    [Fact]
    public async Task StaticToken_Authenticates_UnknownToken_Is401WithoutTheToken()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var good = cluster.Client();
        Assert.Equal("v1.31.0-irsaps-standin", (await good.GetVersionAsync()).GitVersion);

        const string wrong = "wrong-Token-9f8e7d6c5b4a3210";
        using var bad = cluster.Client(wrong);
        var error = await Assert.ThrowsAsync<KubernetesUnauthorizedException>(() => bad.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeUnauthorized, error.ErrorId);
        Assert.Equal(IrsaErrorKind.AuthenticationFailed, error.Kind);
        Assert.DoesNotContain(wrong, error.Message, StringComparison.Ordinal);
        Assert.Contains("kubeconfig user 'test'", error.Message, StringComparison.Ordinal);
        Assert.Single(cluster.Server.Requests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task TokenFile_IsReadAgainAfterA401()
    {
        await using var cluster = await TestCluster.StartAsync();
        var tokenPath = Path.Combine(cluster.Directory, "token");
        File.WriteAllText(tokenPath, "old-token-that-expired\n");
        using var client = cluster.ClientFor(cluster.WriteKubeConfig("    tokenFile: token"));
        await Assert.ThrowsAsync<KubernetesUnauthorizedException>(() => client.GetVersionAsync()); // read, 401, read again: still old
        File.WriteAllText(tokenPath, TestCluster.AdminToken);

        var version = await client.GetVersionAsync(); // the cached old token is rejected, and the file is read again at once

        Assert.Equal("1", version.Major);
        Assert.Equal([401, 401, 401, 200], cluster.Server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public void TokenFile_Unreadable_IsReportedBeforeAnyRequest()
    {
        var directory = Path.Combine(Path.GetTempPath(), "irsaps-tf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "config");
            File.WriteAllText(path, "current-context: a\ncontexts:\n- {name: a, context: {cluster: c, user: u}}\nclusters:\n- {name: c, cluster: {server: 'https://127.0.0.1:1'}}\nusers:\n- {name: u, user: {tokenFile: missing-token}}\n");
            var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(new KubernetesConnectionOptions { KubeConfigPath = path }));
            Assert.Equal(ErrorIds.KubeTokenFileUnreadable, error.ErrorId);
            Assert.Contains(Path.Combine(directory, "missing-token"), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Theory]
    [InlineData(KubeKeyFormat.RsaPkcs1, false)]
    [InlineData(KubeKeyFormat.RsaPkcs8, true)]
    [InlineData(KubeKeyFormat.EcSec1, false)]
    [InlineData(KubeKeyFormat.EcPkcs8, true)]
    public async Task ClientCertificate_RsaAndEc_FromFilesOrData_Authenticates(KubeKeyFormat format, bool inline)
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Access.AddCertificateUser("cert-user", KubeGrant.InNamespaces("cert-user", "web"));
        cluster.Server.Store.EnsureNamespace("web");
        var (certificate, key) = cluster.Server.CertificateAuthority.IssueClientCertificate("cert-user", format, "devs");
        string user;
        if (inline)
        {
            user = $"    client-certificate-data: {Base64(certificate)}\n    client-key-data: {Base64(key)}";
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(cluster.Directory, "pki"));
            File.WriteAllText(Path.Combine(cluster.Directory, "pki", "client.crt"), certificate);
            File.WriteAllText(Path.Combine(cluster.Directory, "pki", "client.key"), key);
            user = "    client-certificate: pki/client.crt\n    client-key: pki/client.key";
        }

        using var client = cluster.ClientFor(cluster.WriteKubeConfig(user));
        var accounts = await client.ListServiceAccountsAsync("web");

        Assert.Equal("default", Assert.Single(accounts).Name);
        Assert.Equal("cert-user", cluster.Server.Requests[^1].User);
        Assert.Contains("client certificate", client.Connection.Authentication, StringComparison.Ordinal);
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.ListServiceAccountsAsync("kube-system"));
    }

    [Fact]
    public async Task ClientCertificate_WithAnotherKey_IsUnreadable()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (certificate, _) = cluster.Server.CertificateAuthority.IssueClientCertificate("a", KubeKeyFormat.RsaPkcs1);
        var (_, otherKey) = cluster.Server.CertificateAuthority.IssueClientCertificate("b", KubeKeyFormat.RsaPkcs1);
        var path = cluster.WriteKubeConfig($"    client-certificate-data: {Base64(certificate)}\n    client-key-data: {Base64(otherKey)}");

        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(new KubernetesConnectionOptions { KubeConfigPath = path }));

        Assert.Equal(ErrorIds.KubeCertificateUnreadable, error.ErrorId);
        Assert.Contains("kubeconfig user 'test'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecPlugin_RunsOnce_AndIsCachedUntilExpiry()
    {
        await using var cluster = await TestCluster.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var plugin = ExecPlugin.Answering(
            cluster.Directory,
            ExecPlugin.TokenCredential(TestCluster.AdminToken, expires: now.AddMinutes(10)),
            ExecPlugin.TokenCredential(TestCluster.AdminToken, expires: now.AddMinutes(30)));
        var clock = now;
        var cache = new ExecCredentialCache();
        var connection = Connect(cluster.WriteKubeConfig(plugin.UserYaml()), cache, () => clock);
        using var client = new KubernetesClient(connection, cluster.ClientOptions());

        await client.GetVersionAsync();
        await client.GetVersionAsync();
        Assert.Equal(1, plugin.Runs);
        Assert.Equal(1, cache.Count);

        // A second client with the same plugin configuration reuses the cached credential (one run per session).
        using (var second = new KubernetesClient(Connect(cluster.WriteKubeConfig(plugin.UserYaml(), fileName: "config2"), cache, () => clock), cluster.ClientOptions()))
        {
            await second.GetVersionAsync();
        }

        Assert.Equal(1, plugin.Runs);

        clock = now.AddMinutes(11);
        await client.GetVersionAsync();
        Assert.Equal(2, plugin.Runs);
    }

    [Fact]
    public async Task ExecPlugin_AnsweringAnExpiredCredential_RunsOnceMore_NotForever()
    {
        await using var cluster = await TestCluster.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var plugin = ExecPlugin.Answering(cluster.Directory, ExecPlugin.TokenCredential(TestCluster.AdminToken, expires: now.AddMinutes(10)));
        var clock = now.AddHours(1); // the plugin's clock is an hour behind ours
        var connection = Connect(cluster.WriteKubeConfig(plugin.UserYaml()), new ExecCredentialCache(), () => clock);
        using var client = new KubernetesClient(connection, cluster.ClientOptions());

        await client.GetVersionAsync();

        Assert.Equal(2, plugin.Runs);
    }

    [Fact]
    public async Task ExecPlugin_RejectedCredential_IsRefreshedOnce()
    {
        await using var cluster = await TestCluster.StartAsync();
        var plugin = ExecPlugin.Answering(cluster.Directory, ExecPlugin.TokenCredential("stale-token-0000"), ExecPlugin.TokenCredential(TestCluster.AdminToken));
        using var client = new KubernetesClient(Connect(cluster.WriteKubeConfig(plugin.UserYaml())), cluster.ClientOptions());

        await client.GetVersionAsync();

        Assert.Equal(2, plugin.Runs);
        Assert.Equal([401, 200], cluster.Server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task ExecPlugin_AlwaysRejected_Fails401AfterOneRefresh()
    {
        await using var cluster = await TestCluster.StartAsync();
        var plugin = ExecPlugin.Answering(cluster.Directory, ExecPlugin.TokenCredential("never-valid-token-1234"));
        using var client = new KubernetesClient(Connect(cluster.WriteKubeConfig(plugin.UserYaml())), cluster.ClientOptions());

        var error = await Assert.ThrowsAsync<KubernetesUnauthorizedException>(() => client.GetVersionAsync());

        Assert.Equal(2, plugin.Runs);
        Assert.Contains("exec plugin", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("never-valid-token-1234", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecPlugin_GetsArgsEnvAndExecInfo_AsKubectlPassesThem()
    {
        await using var cluster = await TestCluster.StartAsync();
        var plugin = ExecPlugin.Answering(cluster.Directory, ExecPlugin.TokenCredential(TestCluster.AdminToken, "client.authentication.k8s.io/v1beta1"));
        var yaml = plugin.UserYaml(
            apiVersion: "client.authentication.k8s.io/v1beta1",
            interactiveMode: "IfAvailable",
            provideClusterInfo: true,
            args: "['--name', 'two words', 'quote\"inside', 'back\\\\slash']",
            env: "[{name: PLUGIN_MODE, value: testing}]");
        using var client = new KubernetesClient(Connect(cluster.WriteKubeConfig(yaml)), cluster.ClientOptions());

        await client.GetVersionAsync();

        Assert.Equal(["--name", "two words", "quote\"inside", "back\\\\slash"], plugin.LastArgs);
        Assert.Equal("testing", plugin.LastEnv("PLUGIN_MODE"));
        using var info = JsonDocument.Parse(plugin.LastExecInfo);
        Assert.Equal("client.authentication.k8s.io/v1beta1", info.RootElement.GetProperty("apiVersion").GetString());
        var spec = info.RootElement.GetProperty("spec");
        Assert.False(spec.GetProperty("interactive").GetBoolean());
        Assert.Equal(cluster.Server.Endpoint.ToString(), spec.GetProperty("cluster").GetProperty("server").GetString());
        Assert.True(spec.GetProperty("cluster").TryGetProperty("certificate-authority-data", out _));
    }

    [Fact]
    public async Task ExecPlugin_CanReturnAClientCertificate()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Access.AddCertificateUser("exec-cert", KubeGrant.ClusterAdmin("exec-cert"));
        var (certificate, key) = cluster.Server.CertificateAuthority.IssueClientCertificate("exec-cert", KubeKeyFormat.EcPkcs8);
        var plugin = ExecPlugin.Answering(cluster.Directory, ExecPlugin.CertificateCredential(certificate, key));
        using var client = new KubernetesClient(Connect(cluster.WriteKubeConfig(plugin.UserYaml())), cluster.ClientOptions());

        await client.GetVersionAsync();

        Assert.Equal("exec-cert", cluster.Server.Requests.Single().User);
    }

    [Fact]
    public async Task ExecPlugin_Failure_ShowsExitCodeAndRedactedStderr()
    {
        await using var cluster = await TestCluster.StartAsync();
        const string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl";
        var plugin = ExecPlugin.Failing(cluster.Directory, 3, $"error: session expired; token={jwt} password: hunter2Hunter2\nrun 'aws sso login'");
        using var client = new KubernetesClient(Connect(cluster.WriteKubeConfig(plugin.UserYaml())), cluster.ClientOptions());

        var error = await Assert.ThrowsAsync<KubernetesConfigException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeExecPluginFailed, error.ErrorId);
        Assert.Contains("exit code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws sso login", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(jwt, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2Hunter2", error.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Server.Requests);
    }

    [Fact]
    public async Task ExecPlugin_Missing_ShowsTheInstallHint()
    {
        await using var cluster = await TestCluster.StartAsync();
        var yaml = "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: irsaps-no-such-plugin\n      interactiveMode: Never\n      installHint: Install it with 'brew install no-such-plugin'.";
        using var client = new KubernetesClient(Connect(cluster.WriteKubeConfig(yaml)), cluster.ClientOptions());

        var error = await Assert.ThrowsAsync<KubernetesConfigException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeExecPluginNotFound, error.ErrorId);
        Assert.Contains("irsaps-no-such-plugin", error.Message, StringComparison.Ordinal);
        Assert.Contains("brew install no-such-plugin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecPlugin_InteractiveAlways_IsRefusedUpFront()
    {
        await using var cluster = await TestCluster.StartAsync();
        var plugin = ExecPlugin.Answering(cluster.Directory, ExecPlugin.TokenCredential(TestCluster.AdminToken));
        var path = cluster.WriteKubeConfig(plugin.UserYaml(interactiveMode: "Always"));

        var error = Assert.Throws<KubernetesConfigException>(() => Connect(path));

        Assert.Equal(ErrorIds.KubeExecPluginInteractive, error.ErrorId);
        Assert.Equal(0, plugin.Runs);
    }

    [Theory]
    [InlineData("not json at all", "not JSON")]
    [InlineData("{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"status\":{\"token\":\"tok-SECRET-1234567\"}}", "apiVersion")]
    [InlineData("{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{}}", "neither a token")]
    [InlineData("{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\"}", "no 'status'")]
    public async Task ExecPlugin_BadOutput_IsInvalidCredential(string output, string expected)
    {
        await using var cluster = await TestCluster.StartAsync();
        var plugin = ExecPlugin.Answering(cluster.Directory, output);
        using var client = new KubernetesClient(Connect(cluster.WriteKubeConfig(plugin.UserYaml())), cluster.ClientOptions());

        var error = await Assert.ThrowsAsync<KubernetesConfigException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeExecCredentialInvalid, error.ErrorId);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-SECRET-1234567", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsEksGetToken_IsReplacedByTheEksTokenSource()
    {
        await using var cluster = await TestCluster.StartAsync();
        var source = new FakeEksTokenSource(TestCluster.AdminToken);
        var yaml = "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: /nonexistent/bin/aws\n"
            + "      args: [--region, eu-west-1, eks, get-token, --cluster-name, demo, --output, json]\n      env: [{name: AWS_PROFILE, value: prod}]";
        using var client = cluster.ClientFor(cluster.WriteKubeConfig(yaml), eks: source);

        await client.GetVersionAsync();
        await client.GetVersionAsync();

        var request = Assert.Single(source.Requests);
        Assert.Equal(new EksTokenRequest("demo", "eu-west-1", "prod"), request);
        Assert.Contains("EKS token for cluster 'demo'", client.Connection.Authentication, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsEksGetToken_WithRoleArn_StillRunsThePlugin()
    {
        await using var cluster = await TestCluster.StartAsync();
        var source = new FakeEksTokenSource(TestCluster.AdminToken);
        var yaml = "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: /nonexistent/bin/aws\n"
            + "      args: [eks, get-token, --cluster-name, demo, --role-arn, 'arn:aws:iam::123456789012:role/admin']";
        using var client = cluster.ClientFor(cluster.WriteKubeConfig(yaml), eks: source);

        var error = await Assert.ThrowsAsync<KubernetesConfigException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeExecPluginNotFound, error.ErrorId);
        Assert.Empty(source.Requests);
    }

    [Fact]
    public async Task EksToken_IsRenewedBeforeExpiry_AndAfterA401()
    {
        await using var cluster = await TestCluster.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var clock = now;
        var source = new FakeEksTokenSource("k8s-aws-v1.rejected-token", TestCluster.AdminToken) { Lifetime = TimeSpan.FromMinutes(15), Clock = () => clock };
        var yaml = "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws-iam-authenticator\n      args: [token, -i, demo]";
        var connection = KubernetesConnection.FromKubeConfig(new KubernetesConnectionOptions
        {
            KubeConfigPath = cluster.WriteKubeConfig(yaml),
            EksTokenSource = source,
            Clock = () => clock,
        });
        using var client = new KubernetesClient(connection, cluster.ClientOptions());

        await client.GetVersionAsync();
        Assert.Equal(2, source.Requests.Count);
        Assert.Equal(new EksTokenRequest("demo"), source.Requests[0]);

        clock = now.AddMinutes(13);
        await client.GetVersionAsync();
        Assert.Equal(2, source.Requests.Count);

        clock = now.AddMinutes(14).AddSeconds(1);
        await client.GetVersionAsync();
        Assert.Equal(3, source.Requests.Count);
    }

    [Fact]
    public async Task ForEksCluster_NeedsNoKubeconfig()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("payments");
        var source = new FakeEksTokenSource(TestCluster.AdminToken);
        var endpoint = new EksClusterEndpoint("demo", cluster.Server.Endpoint.ToString(), Base64(cluster.Server.CaCertificatePem), "us-east-1");

        using var client = new KubernetesClient(KubernetesConnection.ForEksCluster(endpoint, source), cluster.ClientOptions());
        var accounts = await client.ListServiceAccountsAsync("payments");

        Assert.Equal("default", Assert.Single(accounts).Name);
        Assert.Equal(new EksTokenRequest("demo", "us-east-1"), Assert.Single(source.Requests));
        Assert.Equal("demo", client.Connection.ClusterName);
    }

    [Fact]
    public async Task EksTokenSourceFailure_IsKubeEksTokenFailed()
    {
        await using var cluster = await TestCluster.StartAsync();
        var endpoint = new EksClusterEndpoint("demo", cluster.Server.Endpoint.ToString(), Base64(cluster.Server.CaCertificatePem));
        using var client = new KubernetesClient(KubernetesConnection.ForEksCluster(endpoint, new FakeEksTokenSource { Failure = new InvalidOperationException("no credentials") }), cluster.ClientOptions());

        var error = await Assert.ThrowsAsync<KubernetesConfigException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeEksTokenFailed, error.ErrorId);
        Assert.Contains("no credentials", error.Message, StringComparison.Ordinal);
    }

    private static KubernetesConnection Connect(string kubeconfig, ExecCredentialCache? cache = null, Func<DateTimeOffset>? clock = null) =>
        KubernetesConnection.FromKubeConfig(new KubernetesConnectionOptions
        {
            KubeConfigPath = kubeconfig,
            ExecCredentialCache = cache ?? new ExecCredentialCache(),
            Clock = clock ?? (() => DateTimeOffset.UtcNow),
            Environment = new KubeEnvironment { GetVariable = _ => null },
        });

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
}

internal sealed class FakeEksTokenSource(params string[] tokens) : IEksTokenSource
{
    public System.Collections.Generic.List<EksTokenRequest> Requests { get; } = [];

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(15);

    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    public Exception? Failure { get; init; }

    public Task<KubernetesBearerToken> GetTokenAsync(EksTokenRequest request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request);
            if (Failure is not null)
            {
                throw Failure;
            }

            var token = tokens[Math.Min(Requests.Count, tokens.Length) - 1];
            return Task.FromResult(new KubernetesBearerToken(token, Clock() + Lifetime));
        }
    }
}
