using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Audit.Reports;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Verification;
using IrsaPS.Demo;
using IrsaPS.Emulators.Moto;
using IrsaPS.Sandbox;

// Usage: IrsaPS.Demo <sandbox dir> [--verbose]
if (args.Length < 1)
{
    Console.Error.WriteLine("Usage: IrsaPS.Demo <sandbox dir> [--verbose]   (tools/demo starts a sandbox and runs this)");
    return 2;
}

var directory = Path.GetFullPath(args[0]);
var state = SandboxState.Load(directory);
if (state is null)
{
    Console.Error.WriteLine($"No sandbox in {directory}: run tools/sandbox start {args[0]} first (tools/demo does it for you).");
    return 2;
}

var host = new ConsoleHost { ShowVerbose = args.Contains("--verbose") };
var calls = new AwsCallCounter();
var settings = new IrsaSessionSettings
{
    Aws = new AwsConnectionSettings
    {
        Region = state.Region,
        AccessKey = MotoServer.AccessKey,
        SecretKey = MotoServer.SecretKey,
        EndpointUrl = state.Moto.Endpoint,
        Observer = calls,
    },
    KubeConfigPath = state.KubeConfig,
};

const string Policy = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
var clock = Stopwatch.StartNew();
try
{
    using var session = new IrsaSession(settings, host);

    Step($"Get-IrsaCluster {state.ClusterName}");
    var cluster = await session.GetClusterAsync(state.ClusterName, default);
    Console.WriteLine($"  {cluster.ClusterName}  Kubernetes {cluster.Version}  account {cluster.AccountId}  issuer {cluster.Issuer}");
    Console.WriteLine($"  OIDC provider registered: {cluster.OidcProviderExists}");

    Step($"Register-IrsaOidcProvider -ClusterName {state.ClusterName}");
    var provider = await OidcProviderOperations.RegisterAsync(session, new RegisterProviderRequest { ClusterName = state.ClusterName }, default);
    Console.WriteLine($"  {provider!.Arn}  client ids: {string.Join(", ", provider.ClientIds)}");

    Step($"New-IrsaRole -ClusterName {state.ClusterName} -RoleName demo-web-app -Namespace web -ServiceAccountName app -PolicyArn {Policy}");
    var role = (await RoleCreation.NewAsync(
        session,
        new NewRoleRequest
        {
            RoleName = "demo-web-app",
            ClusterName = state.ClusterName,
            ServiceAccounts = [new ServiceAccountRef("web", "app")],
            PolicyArns = [Policy],
            Tags = new Dictionary<string, string> { ["managed-by"] = "IrsaPS" },
        },
        default)).Single();
    Console.WriteLine($"  {role.RoleArn}  trusts {string.Join(", ", role.Subjects)}  ({role.TrustPolicySize} of 2,048 trust characters)");

    Step("Set-IrsaServiceAccount   (from the pipeline: web/app, the role's ARN)");
    var account = await ServiceAccountOperations.SetAsync(
        session,
        new SetServiceAccountRequest { ClusterName = state.ClusterName, Namespace = role.Namespace!, Name = role.ServiceAccountName!, RoleArn = role.RoleArn },
        default);
    Console.WriteLine($"  {account!.Namespace}/{account.ServiceAccountName}  eks.amazonaws.com/role-arn: {account.RoleArn}");
    if (account.PodsToRestart.Count > 0)
    {
        Console.WriteLine($"  pods to restart: {string.Join(", ", account.PodsToRestart)}");
    }

    Step("Test-IrsaTrust -Live   (from the pipeline)");
    var kube = await session.GetKubernetesAsync(state.ClusterName, default);
    var tester = new IrsaTrustTester(session.Aws, kube, host);
    var verdict = await tester.TestAsync(cluster, account.Namespace, account.ServiceAccountName, new TrustTestOptions { Live = true }, default);
    Console.WriteLine($"  Allowed: {verdict.Allowed}  subject {verdict.Subject}  audience {verdict.Audience}");
    Console.WriteLine($"  deciding statement: {verdict.DecidingStatement}");
    if (verdict.Live is { } live)
    {
        Console.WriteLine($"  live: AssumeRoleWithWebIdentity {(live.Succeeded ? "succeeded as " + live.AssumedRoleArn : "failed at " + live.FailedStep + ": " + live.ErrorMessage)}");
    }

    foreach (var reason in verdict.Reasons)
    {
        Console.WriteLine($"  {reason.Kind}: {reason.Message}{(reason.Fix is null ? string.Empty : "  fix: " + reason.Fix)}");
    }

    Step($"Invoke-IrsaAudit -ClusterName {state.ClusterName} -OutputFormat Sarif -OutFile {Path.Combine(args[0], "irsa.sarif")}");
    var result = await new IrsaAuditor(session.Aws, kube, host).RunAsync(state.ClusterName, null, default);
    foreach (var finding in result.Findings)
    {
        Console.WriteLine($"  {finding.CheckId} {finding.Severity,-8} {finding.Resource}: {finding.Message}");
    }

    var sarif = Path.Combine(directory, "irsa.sarif");
    await using (var stream = File.Create(sarif))
    {
        SarifReportWriter.Write(result, stream);
    }

    Console.WriteLine($"  {result.Findings.Count} finding(s); SARIF written to {sarif}");
    Console.WriteLine();
    Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s with {calls.TotalCalls} AWS API calls. Trust proven: {verdict.Allowed}.");
    return verdict.Allowed ? 0 : 1;
}
catch (IrsaException ex)
{
    Console.Error.WriteLine($"{ex.ErrorId}: {ex.Message}");
    return 1;
}

static void Step(string command)
{
    Console.WriteLine();
    Console.WriteLine("PS> " + command);
}
