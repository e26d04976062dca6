using System;
using System.IO;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

public class OperationUnitTests
{
    [Theory]
    [InlineData(new[] { "web" }, new[] { "app", "worker" }, "web/app,web/worker")]
    [InlineData(new[] { "web", "api" }, new[] { "app", "svc" }, "web/app,api/svc")]
    [InlineData(new string[0], new[] { "web/app", "payments/api" }, "web/app,payments/api")]
    [InlineData(new[] { "web" }, new[] { "app", "kube-system/aws-node", "app" }, "web/app,kube-system/aws-node")]
    public void ServiceAccountsPairAsDocumented(string[] namespaces, string[] names, string expected) =>
        Assert.Equal(expected, string.Join(",", ServiceAccountRef.Pair(namespaces, names).Select(r => r.Target)));

    [Theory]
    [InlineData(new string[0], new[] { "app" }, ErrorIds.InvalidParameterCombination)]
    [InlineData(new[] { "a", "b" }, new[] { "x", "y", "z" }, ErrorIds.InvalidParameterCombination)]
    [InlineData(new[] { "Web" }, new[] { "app" }, ErrorIds.InvalidNamespace)]
    [InlineData(new[] { "web" }, new[] { "web/app/extra" }, ErrorIds.InvalidServiceAccountName)]
    [InlineData(new[] { "web" }, new[] { "*" }, ErrorIds.InvalidServiceAccountName)]
    [InlineData(new[] { "web" }, new[] { "web/app", "" }, ErrorIds.InvalidServiceAccountName)]
    [InlineData(new string[0], new[] { " " }, ErrorIds.InvalidServiceAccountName)]
    public void AmbiguousOrBadPairsAreRefused(string[] namespaces, string[] names, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<IrsaValidationException>(() => ServiceAccountRef.Pair(namespaces, names)).ErrorId);

    [Fact]
    public void TheOfflineTrustPolicyIsPartitionAwareAndSized()
    {
        var policy = IrsaTrustPolicies.New(
            ["https://oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC"], "123456789012", [new ServiceAccountRef("web", "app")], null, false);
        Assert.Contains("arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC", policy.CompactJson, StringComparison.Ordinal);
        Assert.Equal(TrustPolicySize.Measure(policy.CompactJson), policy.Size);
        Assert.Contains("\n", policy.Json, StringComparison.Ordinal);
        Assert.Equal("web/app", Assert.Single(policy.Subjects).ToString());

        var gov = IrsaTrustPolicies.New(["https://oidc.eks.us-gov-west-1.amazonaws.com/id/X"], "123456789012", [new ServiceAccountRef("web", "app")], null, false);
        Assert.Contains("arn:aws-us-gov:iam::", gov.CompactJson, StringComparison.Ordinal);

        var tooBig = Enumerable.Range(0, 80).Select(i => new ServiceAccountRef("team-" + i, "service-" + i)).ToList();
        var ex = Assert.Throws<TrustPolicyTooLargeException>(() => IrsaTrustPolicies.New(["https://oidc.eks.us-east-1.amazonaws.com/id/X"], "123456789012", tooBig, null, false));
        Assert.Contains("2,048", ex.Message, StringComparison.Ordinal);
        var fits = IrsaTrustPolicies.New(["https://oidc.eks.us-east-1.amazonaws.com/id/X"], "123456789012", tooBig.Take(50).ToList(), null, false, sizeLimit: 4096);
        Assert.True(fits.Size <= 4096);
    }

    [Theory]
    [InlineData("app-*", "app-web", true)]
    [InlineData("app-*", "APP-web", true)]
    [InlineData("a?p", "app", true)]
    [InlineData("a?p", "ap", false)]
    [InlineData("*", "", true)]
    [InlineData("*-irsa-*", "team-irsa-app", true)]
    [InlineData("*-irsa-*", "team-irsa", false)]
    public void NamePatternsMatchLikePowerShell(string pattern, string text, bool expected) =>
        Assert.Equal(expected, WildcardMatcher.IsMatch(text, pattern, ignoreCase: true));

    private static readonly Lazy<string> SelfSignedCaPem = new(() =>
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=prod-ca", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    });

    private static IrsaCluster Demo => new()
    {
        ClusterName = "prod",
        Arn = "arn:aws:eks:us-east-1:123456789012:cluster/prod",
        Endpoint = "https://ABCDEF.gr7.us-east-1.eks.amazonaws.com",
        CertificateAuthorityData = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(SelfSignedCaPem.Value)),
        Region = "us-east-1",
    };

    private static KubeConfig Config(string clusterEntry, string server, string? execCluster = null)
    {
        var user = execCluster is null
            ? "  user: {token: abc}"
            : $"  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [eks, get-token, --cluster-name, {execCluster}]";
        var yaml = $"apiVersion: v1\nkind: Config\ncurrent-context: ctx\nclusters:\n- name: {clusterEntry}\n  cluster: {{server: {server}}}\ncontexts:\n- name: ctx\n  context: {{cluster: {clusterEntry}, user: u}}\nusers:\n- name: u\n{user}\n";
        var path = Path.Combine(Path.GetTempPath(), "irsaps-target-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, yaml);
        try
        {
            return KubeConfig.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("prod", "https://elsewhere.example", null, true)]
    [InlineData("arn:aws:eks:us-east-1:123456789012:cluster/prod", "https://elsewhere.example", null, true)]
    [InlineData("some-name", "https://abcdef.gr7.us-east-1.eks.amazonaws.com", null, true)]
    [InlineData("some-name", "https://elsewhere.example", "prod", true)]
    [InlineData("staging", "https://elsewhere.example", "staging", false)]
    [InlineData("staging", "https://elsewhere.example", null, false)]
    public void AContextIsTakenForTheClusterOnlyWhenItEvidentlyIsThatCluster(string entry, string server, string? execCluster, bool matches)
    {
        var config = Config(entry, server, execCluster);
        Assert.Equal(matches, config.ContextPointsAt("ctx", Demo.ClusterName, Demo.Arn, Demo.Endpoint));
    }

    [Fact]
    public void AnExplicitKubeconfigForAnotherClusterIsUsedWithAWarningAndADefaultOneIsBypassed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "irsaps-target-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, ".kube"));
        try
        {
            var yaml = "apiVersion: v1\nkind: Config\ncurrent-context: ctx\nclusters:\n- name: staging\n  cluster: {server: 'https://127.0.0.1:1'}\ncontexts:\n- name: ctx\n  context: {cluster: staging, user: u}\nusers:\n- name: u\n  user: {token: abc}\n";
            var path = Path.Combine(directory, ".kube", "config");
            File.WriteAllText(path, yaml);
            var environment = new KubeEnvironment { GetVariable = _ => null, HomeDirectory = directory };
            var source = new NoTokens();

            var host = new RecordingHost();
            var explicitChoice = KubernetesTargetResolver.Resolve(new IrsaSessionSettings { KubeConfigPath = path }, Demo, source, host, environment);
            Assert.Equal("https://127.0.0.1:1/", explicitChoice.Server.ToString());
            Assert.Contains(host.Warnings, w => w.Contains("does not look like EKS cluster 'prod'", StringComparison.Ordinal));

            var quiet = new RecordingHost();
            var direct = KubernetesTargetResolver.Resolve(new IrsaSessionSettings(), Demo, source, quiet, environment);
            Assert.Equal("abcdef.gr7.us-east-1.eks.amazonaws.com", direct.Server.Host);
            Assert.Empty(quiet.Warnings);
            Assert.Contains(quiet.Verbose, v => v.Contains("directly", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class NoTokens : IEksTokenSource
    {
        public System.Threading.Tasks.Task<KubernetesBearerToken> GetTokenAsync(EksTokenRequest request, System.Threading.CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not used");
    }
}
