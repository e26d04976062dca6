using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

public sealed class KubeConfigTests : IDisposable
{
    private const string SecretToken = "s3cr3t-Token-ABCdef0123456789";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "irsaps-kubeconfig-" + Guid.NewGuid().ToString("N"));

    public KubeConfigTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void KubeconfigList_FirstFileWinsPerName_CurrentContextFromFirstThatSetsIt_MissingFilesSkipped()
    {
        var first = Write("a/config", """
            clusters:
            - name: shared
              cluster: {server: https://first.example.com}
            users:
            - name: shared
              user: {token: first-token}
            contexts:
            - name: one
              context: {cluster: shared, user: shared, namespace: team-a}
            """);
        var second = Write("b/config", """
            current-context: two
            clusters:
            - name: shared
              cluster: {server: https://second.example.com}
            - name: only-second
              cluster: {server: https://only.example.com}
            contexts:
            - name: two
              context: {cluster: only-second, user: shared}
            - name: one
              context: {cluster: only-second, user: shared}
            """);
        var third = Write("c/config", "current-context: three\n");
        var missing = Path.Combine(_root, "missing/config");
        var environment = Env(("KUBECONFIG", string.Join(':', first, missing, second, third)));

        var config = KubeConfig.Load(null, environment);

        Assert.Equal([first, second, third], config.SourceFiles);
        Assert.Equal("two", config.CurrentContext);
        Assert.Equal(["one", "two"], config.ContextNames);

        var connection = KubernetesConnection.FromKubeConfig(config, Options(environment));
        Assert.Equal("two", connection.ContextName);
        Assert.Equal(new Uri("https://only.example.com"), connection.Server);
        Assert.Equal("default", connection.Namespace);

        var one = KubernetesConnection.FromKubeConfig(config, Options(environment, context: "one"));
        Assert.Equal("team-a", one.Namespace);
        Assert.Equal(new Uri("https://first.example.com"), one.Server);
        Assert.Contains("bearer token", one.Authentication, StringComparison.Ordinal);
        Assert.DoesNotContain("first-token", one.Authentication, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKubeconfigVariable_ReadsHomeConfig_ElseNothing()
    {
        var home = Path.Combine(_root, "home");
        Assert.Empty(KubeConfig.Load(null, Env() with { HomeDirectory = home }).SourceFiles);
        var path = Write("home/.kube/config", "current-context: home\n");
        var config = KubeConfig.Load(null, Env() with { HomeDirectory = home });
        Assert.Equal([path], config.SourceFiles);
        Assert.Equal("home", config.CurrentContext);
    }

    [Fact]
    public void ExplicitPath_IgnoresKubeconfigVariable_AndMustExist()
    {
        var explicitFile = Write("explicit", "current-context: explicit\n");
        var other = Write("other", "current-context: other\n");
        var environment = Env(("KUBECONFIG", other));
        Assert.Equal("explicit", KubeConfig.Load(explicitFile, environment).CurrentContext);

        var missing = Path.Combine(_root, "nope.yaml");
        var error = Assert.Throws<IrsaValidationException>(() => KubeConfig.Load(missing, environment));
        Assert.Equal(ErrorIds.KubeConfigNotFound, error.ErrorId);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelativePaths_AreRelativeToTheFileThatDeclaredThem()
    {
        var path = Write("team/kube/config", """
            current-context: file
            clusters:
            - name: c
              cluster: {server: https://k.example.com}
            - name: ca
              cluster: {server: https://k.example.com, certificate-authority: certs/ca.pem}
            users:
            - name: file
              user: {tokenFile: ../token}
            - name: exec
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin, interactiveMode: Never}
            contexts:
            - {name: file, context: {cluster: c, user: file}}
            - {name: exec, context: {cluster: c, user: exec}}
            - {name: ca, context: {cluster: ca, user: exec}}
            """);
        var directory = Path.GetDirectoryName(path)!;
        Write("team/token", "t");
        var config = KubeConfig.Load(path, Env());

        Assert.Contains(Path.GetFullPath(Path.Combine(directory, "..", "token")), KubernetesConnection.FromKubeConfig(config, Options(Env())).Authentication, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(directory, "bin", "plugin"), KubernetesConnection.FromKubeConfig(config, Options(Env(), "exec")).Authentication, StringComparison.Ordinal);
        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(config, Options(Env(), "ca")));
        Assert.Equal(ErrorIds.KubeCertificateUnreadable, error.ErrorId);
        Assert.Contains(Path.Combine(directory, "certs", "ca.pem"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedYaml_NamesTheFileAndLine_WithoutQuotingSecrets()
    {
        var path = Write("broken", $"users:\n- name: u\n  user:\n    token: {SecretToken}\n  - : : [\n");

        var error = Assert.Throws<KubernetesConfigException>(() => KubeConfig.Load(path));

        Assert.Equal(ErrorIds.KubeConfigInvalid, error.ErrorId);
        Assert.Equal(IrsaErrorKind.InvalidData, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownContext_ListsTheAvailableOnes()
    {
        var config = Parse(Basic("https://k.example.com"));
        var error = Assert.Throws<IrsaValidationException>(() => KubernetesConnection.FromKubeConfig(config, Options(Env(), context: "prod")));
        Assert.Equal(ErrorIds.KubeContextNotFound, error.ErrorId);
        Assert.Contains("'prod'", error.Message, StringComparison.Ordinal);
        Assert.Contains("dev", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCurrentContext_AsksForKubeContext()
    {
        var config = Parse(Basic("https://k.example.com").Replace("current-context: dev\n", string.Empty, StringComparison.Ordinal));
        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(config, Options(Env())));
        Assert.Equal(ErrorIds.KubeNoCurrentContext, error.ErrorId);
        Assert.Contains("-KubeContext", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContextNamingMissingClusterOrUser_IsReported()
    {
        var yaml = "current-context: a\ncontexts:\n- name: a\n  context: {cluster: gone, user: u}\n- name: b\n  context: {cluster: c, user: gone}\nclusters:\n- name: c\n  cluster: {server: https://k.example.com}\n";
        var config = Parse(yaml);
        Assert.Equal(ErrorIds.KubeClusterNotFound, Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(config, Options(Env()))).ErrorId);
        Assert.Equal(ErrorIds.KubeUserNotFound, Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(config, Options(Env(), "b"))).ErrorId);
    }

    [Theory]
    [InlineData("https://k.example.com/prefix/", "https://k.example.com/prefix/")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    public void ServerUrls_AreNormalised(string server, string expected)
    {
        var config = Parse(Basic(server));
        Assert.Equal(expected, KubernetesConnection.FromKubeConfig(config, Options(Env())).Server.ToString());
    }

    [Theory]
    [InlineData("ftp://k.example.com")]
    [InlineData("''")]
    public void BadServerUrls_AreRejected(string server)
    {
        var config = Parse(Basic(server));
        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(config, Options(Env())));
        Assert.Equal(ErrorIds.KubeInvalidServerUrl, error.ErrorId);
    }

    [Fact]
    public void UnreadableCertificateAuthorityFile_IsNamed()
    {
        var yaml = Basic("https://k.example.com").Replace("server: https://k.example.com", "server: https://k.example.com, certificate-authority: nope/ca.crt", StringComparison.Ordinal);
        var config = Parse(yaml);
        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(config, Options(Env())));
        Assert.Equal(ErrorIds.KubeCertificateUnreadable, error.ErrorId);
        Assert.Contains(Path.Combine(_root, "nope", "ca.crt"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateAuthorityThatIsNotACertificate_IsUnreadable()
    {
        var garbage = Convert.ToBase64String(Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        var yaml = Basic("https://k.example.com").Replace("server: https://k.example.com", "server: https://k.example.com, certificate-authority-data: " + garbage, StringComparison.Ordinal);
        var config = Parse(yaml);
        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(config, Options(Env())));
        Assert.Equal(ErrorIds.KubeCertificateUnreadable, error.ErrorId);
        Assert.Contains("of cluster 'c'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InsecureSkipTlsVerify_IsAllowedWithAWarning_ButNotTogetherWithACa()
    {
        var yaml = Basic("https://k.example.com").Replace("server: https://k.example.com", "server: https://k.example.com, insecure-skip-tls-verify: true", StringComparison.Ordinal);
        var connection = KubernetesConnection.FromKubeConfig(Parse(yaml), Options(Env()));
        var warning = Assert.Single(connection.Warnings);
        Assert.Contains("insecure-skip-tls-verify", warning, StringComparison.Ordinal);

        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(TestCluster.Authority.CertificatePem));
        var both = yaml.Replace("insecure-skip-tls-verify: true", "insecure-skip-tls-verify: true, certificate-authority-data: " + ca, StringComparison.Ordinal);
        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(Parse(both), Options(Env())));
        Assert.Equal(ErrorIds.KubeConfigInvalid, error.ErrorId);
    }

    [Fact]
    public void LegacyAuthProvider_IsNotSupported()
    {
        var yaml = Basic("https://k.example.com").Replace("token: dev-token", "auth-provider: {name: gcp}", StringComparison.Ordinal);
        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(Parse(yaml), Options(Env())));
        Assert.Equal(ErrorIds.KubeAuthProviderNotSupported, error.ErrorId);
        Assert.Equal(IrsaErrorKind.NotSupported, error.Kind);
    }

    [Fact]
    public void ClientCertificateWithoutKey_IsInvalid()
    {
        var yaml = Basic("https://k.example.com").Replace("token: dev-token", "client-certificate: c.crt", StringComparison.Ordinal);
        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(Parse(yaml), Options(Env())));
        Assert.Contains("without a client-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingFound_AndNotInACluster_IsKubeConfigNotFound()
    {
        var environment = Env() with { HomeDirectory = Path.Combine(_root, "empty-home"), ServiceAccountDirectory = Path.Combine(_root, "no-sa") };
        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.FromKubeConfig(Options(environment)));
        Assert.Equal(ErrorIds.KubeConfigNotFound, error.ErrorId);
    }

    [Fact]
    public void NothingFound_InACluster_UsesThePodServiceAccount()
    {
        var saDirectory = Path.Combine(_root, "sa");
        Directory.CreateDirectory(saDirectory);
        File.WriteAllText(Path.Combine(saDirectory, "token"), "pod-token\n");
        File.WriteAllText(Path.Combine(saDirectory, "namespace"), "kube-system");
        File.WriteAllText(Path.Combine(saDirectory, "ca.crt"), TestCluster.Authority.CertificatePem);
        var environment = Env(("KUBERNETES_SERVICE_HOST", "10.100.0.1"), ("KUBERNETES_SERVICE_PORT", "443")) with
        {
            HomeDirectory = Path.Combine(_root, "empty-home"),
            ServiceAccountDirectory = saDirectory,
        };

        var connection = KubernetesConnection.FromKubeConfig(Options(environment));

        Assert.Equal(new Uri("https://10.100.0.1:443/"), connection.Server);
        Assert.Equal("kube-system", connection.Namespace);
        Assert.Contains("in-cluster service account token", connection.Authentication, StringComparison.Ordinal);
        Assert.Null(connection.ContextName);
    }

    [Fact]
    public void InCluster_WithoutEnvironment_IsUnavailable()
    {
        var error = Assert.Throws<KubernetesConfigException>(() => KubernetesConnection.InCluster(Options(Env() with { ServiceAccountDirectory = Path.Combine(_root, "none") })));
        Assert.Equal(ErrorIds.KubeInClusterUnavailable, error.ErrorId);
    }

    private static string Basic(string server) => $"""
        current-context: dev
        clusters:
        - name: c
          cluster: {"{"}server: {server}{"}"}
        users:
        - name: u
          user:
            token: dev-token
        contexts:
        - name: dev
          context: {"{"}cluster: c, user: u{"}"}
        """;

    private KubeConfig Parse(string yaml) => KubeConfig.Load(Write("c-" + Guid.NewGuid().ToString("N"), yaml), Env());

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static KubeEnvironment Env(params (string Name, string Value)[] variables)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            map[name] = value;
        }

        return new KubeEnvironment { GetVariable = name => map.TryGetValue(name, out var value) ? value : null, HomeDirectory = "/nonexistent-home" };
    }

    private static KubernetesConnectionOptions Options(KubeEnvironment environment, string? context = null) =>
        new() { Environment = environment, Context = context };
}
