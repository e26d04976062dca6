using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Verification;

namespace IrsaPS.Bench.Scenarios;

/// <summary>
/// IRSA for N service accounts, twice, each against a fresh sandbox: (1) IrsaPS's core operations, the way the cmdlets
/// call them (Register-IrsaOidcProvider once, then New-IrsaRole and Set-IrsaServiceAccount per service account, one after
/// the other like a script loop); (2) the same steps as a bash script with the aws CLI and kubectl (describe-cluster,
/// get-caller-identity and create-open-id-connect-provider once; per service account create-role with a trust document,
/// attach-role-policy, kubectl create serviceaccount and kubectl annotate). Both results are then checked with
/// Test-IrsaTrust's core: every service account must be able to assume its role.
/// </summary>
internal static class SideBySideScenario
{
    private const string Policy = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private const string Seed = """{"namespaces":["bench"]}""";

    /// <summary>The trust document the script writes (bash expands $account, $host and $i).</summary>
    private const string TrustLine = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::$account:oidc-provider/$host"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"$host:sub":"system:serviceaccount:bench:app-$i","$host:aud":"sts.amazonaws.com"}}}]}""";

    public static async Task<string> RunAsync(int count)
    {
        var output = new StringBuilder();
        Console.WriteLine($"IrsaPS core: IRSA for {count} service accounts...");
        var irsa = await RunIrsaPsAsync(count);
        var (irsaTime, irsaCalls, irsaKube, irsaAllowed) = (irsa.Time, irsa.Aws.TotalCalls, irsa.Kube.Total, irsa.Allowed);
        Console.WriteLine($"  {irsaTime.TotalSeconds:0.0} s, {irsaAllowed}/{count} verified");
        Console.WriteLine($"aws CLI + kubectl: IRSA for {count} service accounts...");
        var (cliTime, cliProcesses, cliAllowed) = await RunCliAsync(count);
        Console.WriteLine($"  {cliTime.TotalSeconds:0.0} s, {cliAllowed}/{count} verified");

        output.AppendLine("| | wall time | per service account | processes started | requests (AWS + Kubernetes) | verified by Test-IrsaTrust |");
        output.AppendLine("|---|---:|---:|---:|---:|---:|");
        output.AppendLine(CultureInfo.InvariantCulture, $"| IrsaPS core (Register-IrsaOidcProvider; New-IrsaRole + Set-IrsaServiceAccount per SA, sequential) | {irsaTime.TotalSeconds:0.0} s | {irsaTime.TotalMilliseconds / count:0} ms | 0 | {irsaCalls:N0} + {irsaKube:N0} | {irsaAllowed}/{count} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| bash + aws CLI v1 + kubectl (same steps) | {cliTime.TotalSeconds:0.0} s | {cliTime.TotalMilliseconds / count:0} ms | {cliProcesses:N0} | not counted | {cliAllowed}/{count} |");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Ratio: the scripted CLI takes {cliTime.TotalSeconds / irsaTime.TotalSeconds:0.0}× as long as IrsaPS's core.");
        return output.ToString();
    }

    /// <summary>The IrsaPS side on a fresh sandbox; also the baseline of the eksctl-pattern scenario.</summary>
    internal static async Task<IrsaPsRun> RunIrsaPsAsync(int count, bool warmUp = false)
    {
        using var sandbox = await BenchSandbox.StartAsync(Seed);
        if (warmUp)
        {
            await SandboxWarmUp.RunAsync(sandbox);
        }

        var counter = new AwsCallCounter();
        var kube = new KubeRequestCounter();
        var settings = new IrsaSessionSettings
        {
            Aws = new AwsConnectionSettings { Region = sandbox.Region, AccessKey = BenchSandbox.AccessKey, SecretKey = BenchSandbox.SecretKey, EndpointUrl = sandbox.MotoEndpoint, Observer = counter },
            KubeConfigPath = sandbox.KubeConfig,
            KubernetesClient = new IrsaPS.Core.Kubernetes.KubernetesClientOptions { Observer = kube },
        };
        var clock = Stopwatch.StartNew();
        using (var session = new IrsaSession(settings, SilentHost.Instance))
        {
            await IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = sandbox.ClusterName }, default);
            for (var i = 0; i < count; i++)
            {
                var name = "app-" + i.ToString(CultureInfo.InvariantCulture);
                var roles = await IrsaRoles.NewAsync(session, new NewRoleRequest
                {
                    RoleName = "bench-" + name,
                    ClusterName = sandbox.ClusterName,
                    ServiceAccounts = [new ServiceAccountRef("bench", name)],
                    PolicyArns = [Policy],
                }, default);
                await IrsaServiceAccounts.SetAsync(session, new SetServiceAccountRequest
                {
                    ClusterName = sandbox.ClusterName,
                    Namespace = "bench",
                    Name = name,
                    RoleArn = roles.Single().RoleArn,
                }, default);
            }
        }

        clock.Stop();
        return new IrsaPsRun(clock.Elapsed, counter, kube, await VerifyAsync(sandbox));
    }

    private static async Task<(TimeSpan Time, int Processes, int Allowed)> RunCliAsync(int count)
    {
        using var sandbox = await BenchSandbox.StartAsync(Seed);
        var script = Path.Combine(sandbox.Directory, "irsa.sh");
        await File.WriteAllTextAsync(script, Script(sandbox, count));
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = sandbox.Directory };
        info.ArgumentList.Add(script);
        var clock = Stopwatch.StartNew();
        using (var process = Process.Start(info)!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            clock.Stop();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The CLI script failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
            }
        }

        return (clock.Elapsed, 3 + (4 * count), await VerifyAsync(sandbox));
    }

    /// <summary>What a careful admin would script: the AWS documentation's steps, one service account after another.</summary>
    private static string Script(BenchSandbox sandbox, int count) => $$$"""
        set -euo pipefail
        source '{{{sandbox.EnvFile}}}'
        issuer=$(aws eks describe-cluster --name '{{{sandbox.ClusterName}}}' --query cluster.identity.oidc.issuer --output text)
        account=$(aws sts get-caller-identity --query Account --output text)
        host=${issuer#https://}
        aws iam create-open-id-connect-provider --url "$issuer" --client-id-list sts.amazonaws.com --thumbprint-list {{{new string('0', 40)}}} > /dev/null
        for i in $(seq 0 {{{count - 1}}}); do
          cat > trust.json <<JSON
        {{{TrustLine}}}
        JSON
          arn=$(aws iam create-role --role-name "bench-app-$i" --assume-role-policy-document file://trust.json --query Role.Arn --output text)
          aws iam attach-role-policy --role-name "bench-app-$i" --policy-arn {{{Policy}}}
          kubectl create serviceaccount "app-$i" -n bench > /dev/null
          kubectl annotate serviceaccount "app-$i" -n bench "eks.amazonaws.com/role-arn=$arn" > /dev/null
        done

        """;

    /// <summary>How many service accounts of namespace <c>bench</c> Test-IrsaTrust's core finds able to assume their role.</summary>
    internal static async Task<int> VerifyAsync(BenchSandbox sandbox)
    {
        using var aws = sandbox.ConnectAws();
        using var kube = sandbox.ConnectKubernetes();
        var identity = await aws.GetCallerIdentityAsync();
        var cluster = new TrustClusterContext(sandbox.ClusterName, sandbox.Issuer, identity.Partition, identity.Account);
        var results = await new IrsaTrustTester(aws, kube).TestAllAsync(cluster, "bench");
        if (results.FirstOrDefault(r => !r.Allowed) is { } denied)
        {
            Console.Error.WriteLine($"  not verified: {denied.Namespace}/{denied.ServiceAccountName} -> {denied.RoleArn}: {denied.Explanation ?? string.Join("; ", denied.Reasons)}");
        }

        return results.Count(r => r.Allowed);
    }
}
