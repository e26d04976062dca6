using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Core.Validation;
using IrsaPS.Core.Verification;

namespace IrsaPS.Bench.Engine;

/// <summary>
/// The trust-policy engine: parse, inspect, compile, decide (the audit's inner loop) and evaluate with explanations,
/// on a typical IRSA trust (one statement, one subject) and a large one (three issuers, 40 subjects, a StringLike
/// pattern, a Deny with a negated operator). Operations per second are shown in the "Op/s" column.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class TrustEngineBenchmarks
{
    private const string Account = "123456789012";
    private static readonly OidcIssuer Issuer = OidcIssuer.Parse("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
    private static readonly OidcIssuer Second = OidcIssuer.Parse("https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9");
    private static readonly OidcIssuer Third = OidcIssuer.Parse("https://oidc.eks.us-west-2.amazonaws.com/id/99887766554433221100AABBCCDDEEFF");

    private string _typicalJson = string.Empty;
    private string _largeJson = string.Empty;
    private PolicyDocument _large = null!;
    private CompiledTrustPolicy _typical = null!;
    private CompiledTrustPolicy _compiledLarge = null!;
    private WebIdentityRequest _allowed = null!;
    private WebIdentityRequest _denied = null!;
    private WebIdentityRequest _largeAllowed = null!;
    private WebIdentityRequest _largeDenied = null!;
    private RoleTrust _role = null!;
    private TrustClusterContext _cluster = null!;
    private KubeServiceAccount _serviceAccount = null!;

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            // In-process: no generated child project (it would inherit the repository's warnings-as-errors build).
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.OperationsPerSecond);
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _typicalJson = TrustPolicyBuilder.BuildJson("aws", Account, [new IrsaSubject(Issuer, "web", "app")]);
        var subjects = Enumerable.Range(0, 20).Select(i => new IrsaSubject(Issuer, "team-" + i, "app"))
            .Concat(Enumerable.Range(0, 10).Select(i => new IrsaSubject(Second, "team-" + i, "app")))
            .Concat(Enumerable.Range(0, 10).Select(i => new IrsaSubject(Third, "team-" + i, "app")))
            .Append(new IrsaSubject(Issuer, "batch", "job-*"));
        var large = TrustPolicyBuilder.Build("aws", Account, subjects, allowWildcards: true);
        var deny = PolicyDocument.Parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + Issuer.ProviderArn("aws", Account)
            + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringNotLike\":{\"" + Issuer.SubKey + "\":[\"system:serviceaccount:team-*:*\",\"system:serviceaccount:batch:*\"]}}}]}");
        large.Statements.Add(deny.Statements[0]);
        _largeJson = large.ToJson();
        _large = PolicyDocument.Parse(_largeJson);
        _typical = CompiledTrustPolicy.Compile(_typicalJson);
        _compiledLarge = CompiledTrustPolicy.Compile(_large);
        var provider = Issuer.ProviderArn("aws", Account);
        _allowed = new WebIdentityRequest(provider, "system:serviceaccount:web:app", ["sts.amazonaws.com"]);
        _denied = new WebIdentityRequest(provider, "system:serviceaccount:web:api", ["sts.amazonaws.com"]);
        _largeAllowed = new WebIdentityRequest(provider, "system:serviceaccount:team-19:app", ["sts.amazonaws.com"]);
        _largeDenied = new WebIdentityRequest(provider, "system:serviceaccount:web:app", ["sts.amazonaws.com"]);
        _role = new RoleTrust("arn:aws:iam::" + Account + ":role/app", "app", _typicalJson);
        _ = _role.Compiled;
        _cluster = new TrustClusterContext("prod", Issuer.Url, "aws", Account);
        _serviceAccount = new KubeServiceAccount
        {
            Namespace = "web",
            Name = "app",
            Annotations = new System.Collections.Generic.Dictionary<string, string> { [IrsaAnnotationKeys.RoleArn] = "arn:aws:iam::" + Account + ":role/app" },
        };
    }

    [Benchmark(Description = "Decide, typical trust, allowed")]
    public int DecideAllowed() => (int)_typical.Decide(_allowed);

    [Benchmark(Description = "Decide, typical trust, denied")]
    public int DecideDenied() => (int)_typical.Decide(_denied);

    [Benchmark(Description = "Decide, large trust, allowed")]
    public int DecideLargeAllowed() => (int)_compiledLarge.Decide(_largeAllowed);

    [Benchmark(Description = "Decide, large trust, denied")]
    public int DecideLargeDenied() => (int)_compiledLarge.Decide(_largeDenied);

    [Benchmark(Description = "Evaluate with explanation, large trust, denied")]
    public object EvaluateLargeDenied() => _compiledLarge.Evaluate(_largeDenied);

    [Benchmark(Description = "Compile, large trust")]
    public object CompileLarge() => CompiledTrustPolicy.Compile(_large);

    [Benchmark(Description = "Parse, large trust")]
    public object ParseLarge() => PolicyDocument.Parse(_largeJson);

    [Benchmark(Description = "Inspect, large trust")]
    public object InspectLarge() => TrustPolicyInspector.Inspect(_large);

    [Benchmark(Description = "Test-IrsaTrust verdict (plan + evaluate + reasons), allowed")]
    public Core.Models.IrsaTrustResult Verdict() =>
        TrustVerifier.Evaluate(TrustVerifier.Plan(_cluster, "web", "app", _serviceAccount), _role, OidcProviderState.Found(_cluster.Issuer!.ProviderArn("aws", Account), ["sts.amazonaws.com"]));
}
