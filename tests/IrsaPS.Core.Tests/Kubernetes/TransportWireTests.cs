using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Emulators;
using IrsaPS.Emulators.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>Retries, Retry-After, bounded failures, TLS verification and connection errors against the stand-in.</summary>
public class TransportWireTests
{
    [Fact]
    public async Task TooManyRequests_HonoursRetryAfter_ThenSucceeds()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Faults.Add(KubeFault.TooManyRequests(2, retryAfterSeconds: 7));
        using var client = cluster.Client();

        var version = await client.GetVersionAsync();

        Assert.Equal("31", version.Minor);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], cluster.Delays);
        Assert.Equal([429, 429, 200], cluster.Server.Requests.Select(r => r.StatusCode));
        Assert.Equal([1, 2, 3], cluster.Events.Select(e => e.Attempt));
        Assert.Equal([429, 429, 200], cluster.Events.Select(e => e.StatusCode ?? 0));
    }

    [Fact]
    public async Task RetryAfter_IsCappedByMaxRetryDelay()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Faults.Add(KubeFault.TooManyRequests(1, retryAfterSeconds: 3600));
        using var client = cluster.Client();

        await client.GetVersionAsync();

        Assert.Equal([TimeSpan.FromSeconds(10)], cluster.Delays);
    }

    [Fact]
    public async Task ServerErrors_AreRetriedWithBackoff_ThenSucceed()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Faults.Add(KubeFault.ServerError(2, 503));
        using var client = cluster.Client();

        await client.GetVersionAsync();

        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], cluster.Delays);
        Assert.Equal([503, 503, 200], cluster.Server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task ServerErrors_AreBounded_ThenAClearError()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Faults.Add(KubeFault.ServerError(10, 500));
        using var client = cluster.Client(maxAttempts: 3);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeServerError, error.ErrorId);
        Assert.Equal(IrsaErrorKind.ServiceError, error.Kind);
        Assert.Contains("3 time(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("injected fault", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, cluster.Server.Requests.Count);
    }

    [Fact]
    public async Task TooManyRequests_Persisting_IsLimitExceeded()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Faults.Add(KubeFault.TooManyRequests(10, 1));
        using var client = cluster.Client(maxAttempts: 2);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeTooManyRequests, error.ErrorId);
        Assert.Equal(IrsaErrorKind.LimitExceeded, error.Kind);
        Assert.Equal([TimeSpan.FromSeconds(1)], cluster.Delays);
    }

    [Fact]
    public async Task DroppedConnection_IsRetried()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Faults.Add(KubeFault.DropConnection(1, "/serviceaccounts"));
        using var client = cluster.Client();

        var accounts = await client.ListServiceAccountsAsync("web");

        Assert.Single(accounts);
        Assert.Equal("connection failed", cluster.Events[0].Failure);
        Assert.Null(cluster.Events[0].StatusCode);
        Assert.Equal(200, cluster.Events[1].StatusCode);
    }

    [Fact]
    public async Task ConnectionRefused_NamesTheServer()
    {
        await using var cluster = await TestCluster.StartAsync(tls: false);
        var port = Loopback.FreePort();
        var kubeconfig = cluster.WriteKubeConfig($"    token: {TestCluster.AdminToken}");
        System.IO.File.WriteAllText(kubeconfig, System.IO.File.ReadAllText(kubeconfig).Replace(cluster.Server.Endpoint.ToString(), $"http://127.0.0.1:{port}/", StringComparison.Ordinal));
        using var client = cluster.ClientFor(kubeconfig, maxAttempts: 2);

        var error = await Assert.ThrowsAsync<KubernetesConnectionException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeConnectionFailed, error.ErrorId);
        Assert.Equal(IrsaErrorKind.ConnectionFailed, error.Kind);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("context 'test'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, cluster.Events.Count);
    }

    [Fact]
    public async Task UnknownCertificateAuthority_IsATlsErrorNamingTheServer()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var otherCa = KubeCertificateAuthority.Create("somebody-else");
        var kubeconfig = cluster.WriteKubeConfig(
            $"    token: {TestCluster.AdminToken}",
            includeCa: false,
            clusterExtra: "    certificate-authority-data: " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(otherCa.CertificatePem)));
        using var client = cluster.ClientFor(kubeconfig);

        var error = await Assert.ThrowsAsync<KubernetesConnectionException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeTlsFailed, error.ErrorId);
        Assert.Contains(cluster.Server.Endpoint.Authority, error.Message, StringComparison.Ordinal);
        Assert.Contains("not signed by the cluster's certificate authority", error.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Server.Requests);
        Assert.Single(cluster.Events);
    }

    [Fact]
    public async Task NoCertificateAuthority_UsesSystemTrust_WhichRejectsThePrivateCa()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var client = cluster.ClientFor(cluster.WriteKubeConfig($"    token: {TestCluster.AdminToken}", includeCa: false));

        var error = await Assert.ThrowsAsync<KubernetesConnectionException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeTlsFailed, error.ErrorId);
        Assert.Contains("not trusted by this system", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsServerName_IsUsedToVerifyTheCertificateName()
    {
        await using var cluster = await TestCluster.StartAsync(options: new KubeApiStandInOptions { ServerNames = ["api.irsaps.test"], ServerCertificateForLoopback = false });

        using (var client = cluster.ClientFor(cluster.WriteTokenKubeConfig()))
        {
            var error = await Assert.ThrowsAsync<KubernetesConnectionException>(() => client.GetVersionAsync());
            Assert.Equal(ErrorIds.KubeTlsFailed, error.ErrorId);
            Assert.Contains("not valid for the name it was reached by (127.0.0.1", error.Message, StringComparison.Ordinal);
            Assert.Contains("tls-server-name", error.Message, StringComparison.Ordinal);
        }

        using (var client = cluster.ClientFor(cluster.WriteKubeConfig($"    token: {TestCluster.AdminToken}", clusterExtra: "    tls-server-name: api.irsaps.test", fileName: "named")))
        {
            Assert.Equal("1", (await client.GetVersionAsync()).Major);
        }
    }

    [Fact]
    public async Task ExpiredServerCertificate_IsRejected()
    {
        var expired = TestCluster.Authority.IssueServerCertificate([], lifetime: TimeSpan.FromMinutes(1), notBefore: DateTimeOffset.UtcNow.AddMinutes(-4));
        await using var cluster = await TestCluster.StartAsync(options: new KubeApiStandInOptions { ServerCertificate = expired });
        using var client = cluster.ClientFor(cluster.WriteTokenKubeConfig());

        var error = await Assert.ThrowsAsync<KubernetesConnectionException>(() => client.GetVersionAsync());

        Assert.Equal(ErrorIds.KubeTlsFailed, error.ErrorId);
        Assert.Contains("validity period", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsecureSkipTlsVerify_Connects_AndWarns()
    {
        await using var cluster = await TestCluster.StartAsync(options: new KubeApiStandInOptions { ServerNames = ["elsewhere.test"], ServerCertificateForLoopback = false });
        using var client = cluster.ClientFor(cluster.WriteKubeConfig($"    token: {TestCluster.AdminToken}", includeCa: false, clusterExtra: "    insecure-skip-tls-verify: true"));

        await client.GetVersionAsync();

        Assert.Contains(client.Connection.Warnings, w => w.Contains("TLS verification is disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForbiddenNamespace_Is403WithTheServersReason()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Store.EnsureNamespace("web");
        cluster.Server.Store.EnsureNamespace("payments");
        cluster.Server.AddToken("dev-Token-abcdef0123456789", KubeGrant.InNamespaces("dev", "web"));
        using var client = cluster.Client("dev-Token-abcdef0123456789");

        Assert.Single(await client.ListServiceAccountsAsync("web"));
        var error = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.ListServiceAccountsAsync("payments"));
        var all = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.ListServiceAccountsAsync(null));

        Assert.Equal(ErrorIds.KubeForbidden, error.ErrorId);
        Assert.Equal(IrsaErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("User \"dev\" cannot list resource \"serviceaccounts\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("in the namespace \"payments\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("at the cluster scope", all.Message, StringComparison.Ordinal);
        Assert.Equal("payments", error.Target);
    }

    [Fact]
    public async Task NotKubernetes_IsInvalidResponse()
    {
        await using var cluster = await TestCluster.StartAsync(tls: false);
        var port = Loopback.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var html = System.Text.Encoding.UTF8.GetBytes("<html><body>Welcome to nginx</body></html>");
            context.Response.ContentType = "text/html";
            await context.Response.OutputStream.WriteAsync(html);
            context.Response.Close();
        });
        var kubeconfig = cluster.WriteTokenKubeConfig();
        System.IO.File.WriteAllText(kubeconfig, System.IO.File.ReadAllText(kubeconfig).Replace(cluster.Server.Endpoint.ToString(), $"http://127.0.0.1:{port}/", StringComparison.Ordinal));
        using var client = cluster.ClientFor(kubeconfig);

        var error = await Assert.ThrowsAsync<IrsaException>(() => client.GetVersionAsync());
        await serve;

        Assert.Equal(ErrorIds.KubeInvalidResponse, error.ErrorId);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsNeverAppear_InErrorsOrObserverEvents()
    {
        await using var cluster = await TestCluster.StartAsync();
        const string secret = "very-Secret-Token-0123456789abcdef";
        cluster.Server.AddToken(secret, KubeGrant.InNamespaces("limited", "web"));
        cluster.Server.Faults.Add(KubeFault.ServerError(1));
        using var client = cluster.Client(secret);
        var messages = new System.Collections.Generic.List<string>();

        foreach (var action in new Func<Task>[]
        {
            () => client.ListServiceAccountsAsync("kube-system"),
            () => client.GetServiceAccountAsync("web", "nope"),
            () => client.RequestServiceAccountTokenAsync("web", "nope", ["sts.amazonaws.com"]),
        })
        {
            var error = await Assert.ThrowsAnyAsync<IrsaException>(action);
            messages.Add(error.ToString());
        }

        messages.AddRange(cluster.Events.Select(e => e.ToString()));
        messages.Add(client.Connection.Authentication);
        messages.Add(client.Connection.ToString());
        Assert.NotEmpty(cluster.Events);
        Assert.All(messages, m => Assert.DoesNotContain(secret, m, StringComparison.Ordinal));
    }
}
