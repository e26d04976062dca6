using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.PodIdentity;

namespace IrsaPS.Bench.Scenarios;

/// <summary>
/// The move of N service accounts from IRSA to EKS Pod Identity, end to end, twice, each on a fresh sandbox prepared the
/// same way (N IRSA roles and annotated service accounts in namespace <c>bench</c>, the agent on the nodes; no pods, so
/// nothing has to restart between the stages): (1) IrsaPS's core the way the cmdlets run it, Start for every service
/// account, then Complete for every one (two pipelines); (2) the same steps as a bash script with the aws CLI, jq and
/// kubectl (per service account: get-role, add the scoped Pod Identity statement, update-assume-role-policy,
/// create-pod-identity-association, remove the annotation; then get-role, drop the OIDC statement, update-assume-role-policy).
/// Both end states are verified the same way: every association names its role, every trust lets Pod Identity in for its
/// service account and no longer names its OIDC subject, and no annotation is left.
/// </summary>
internal static class PodIdentityMigrationScenario
{
    private const string Seed = """
        {"namespaces":["bench"],
         "nodes":[{"name":"node-0","providerId":"aws:///us-east-1a/i-00000000000000000","labels":{"kubernetes.io/os":"linux"}},
                  {"name":"node-1","providerId":"aws:///us-east-1b/i-00000000000000001","labels":{"kubernetes.io/os":"linux"}}],
         "daemonSets":[{"namespace":"kube-system","name":"eks-pod-identity-agent","podLabels":{"app.kubernetes.io/name":"eks-pod-identity-agent"},"nodeSelector":{"kubernetes.io/os":"linux"}}]}
        """;

    public static async Task<string> RunAsync(int count)
    {
        Console.WriteLine($"IrsaPS core: moving {count} service accounts to Pod Identity...");
        var (irsaTime, irsaAws, irsaKube, irsaVerified) = await RunIrsaPsAsync(count);
        Console.WriteLine($"  {irsaTime.TotalSeconds:0.0} s, {irsaVerified}/{count} verified");
        Console.WriteLine($"bash + aws CLI + jq + kubectl: moving {count} service accounts to Pod Identity...");
        var (cliTime, cliProcesses, cliVerified) = await RunCliAsync(count);
        Console.WriteLine($"  {cliTime.TotalSeconds:0.0} s, {cliVerified}/{count} verified");

        var settle = IrsaOperationOptions.Default.TrustSettleDelay.TotalSeconds * 2 * count;
        var output = new StringBuilder();
        output.AppendLine("| | wall time | per service account | processes started | requests (AWS + Kubernetes) | verified |");
        output.AppendLine("|---|---:|---:|---:|---:|---:|");
        output.AppendLine(CultureInfo.InvariantCulture, $"| IrsaPS core (Start-IrsaPodIdentityMigration for all, then Complete-IrsaPodIdentityMigration for all) | {irsaTime.TotalSeconds:0.0} s | {irsaTime.TotalMilliseconds / count:0} ms | 0 | {irsaAws:N0} + {irsaKube:N0} | {irsaVerified}/{count} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| bash + aws CLI v1 + jq + kubectl (same steps) | {cliTime.TotalSeconds:0.0} s | {cliTime.TotalMilliseconds / count:0} ms | {cliProcesses:N0} | not counted | {cliVerified}/{count} |");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Ratio: the scripted CLI takes {cliTime.TotalSeconds / irsaTime.TotalSeconds:0.0}× as long as IrsaPS's core. {settle:0} s of IrsaPS's time is its deliberate wait after each of the {2 * count} trust writes ({IrsaOperationOptions.Default.TrustSettleDelay.TotalSeconds:0} s each: IAM has no conditional write, so IrsaPS re-reads the trust after a settle period and merges again if a concurrent writer overwrote it); the script does no such check.");
        return output.ToString();
    }

    private static async Task<BenchSandbox> PrepareAsync(int count)
    {
        var sandbox = await BenchSandbox.StartAsync(Seed);
        using var session = Session(sandbox, new AwsCallCounter(), new KubeRequestCounter());
        await IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = sandbox.ClusterName }, default);
        for (var i = 0; i < count; i++)
        {
            var name = Name(i);
            var role = await IrsaRoles.NewAsync(session, new NewRoleRequest { RoleName = "bench-" + name, ClusterName = sandbox.ClusterName, ServiceAccounts = [new ServiceAccountRef("bench", name)] }, default);
            await IrsaServiceAccounts.SetAsync(session, new SetServiceAccountRequest { ClusterName = sandbox.ClusterName, Namespace = "bench", Name = name, RoleArn = role.Single().RoleArn }, default);
        }

        return sandbox;
    }

    private static async Task<(TimeSpan Time, int Aws, int Kube, int Verified)> RunIrsaPsAsync(int count)
    {
        using var sandbox = await PrepareAsync(count);
        var aws = new AwsCallCounter();
        var kube = new KubeRequestCounter();
        var clock = Stopwatch.StartNew();
        using (var start = Session(sandbox, aws, kube))
        {
            for (var i = 0; i < count; i++)
            {
                await IrsaPodIdentityMigrations.StartAsync(start, Request(sandbox, i), default);
            }
        }

        using (var complete = Session(sandbox, aws, kube))
        {
            for (var i = 0; i < count; i++)
            {
                await IrsaPodIdentityMigrations.CompleteAsync(complete, Request(sandbox, i), default);
            }
        }

        clock.Stop();
        return (clock.Elapsed, aws.TotalCalls, kube.Total, await VerifyAsync(sandbox, count));
    }

    private static async Task<(TimeSpan Time, int Processes, int Verified)> RunCliAsync(int count)
    {
        using var sandbox = await PrepareAsync(count);
        var script = Path.Combine(sandbox.Directory, "migrate.sh");
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

        // Per service account: get-role, jq, update-assume-role-policy, create-pod-identity-association, kubectl annotate;
        // then get-role, jq, update-assume-role-policy.
        return (clock.Elapsed, 1 + (8 * count), await VerifyAsync(sandbox, count));
    }

    /// <summary>What a careful admin would script after the EKS user guide: one service account after another, Start's steps for all, then Complete's.</summary>
    private static string Script(BenchSandbox sandbox, int count) => $$$$"""
        set -euo pipefail
        source '{{{{sandbox.EnvFile}}}}'
        cluster_arn=$(aws eks describe-cluster --name '{{{{sandbox.ClusterName}}}}' --query cluster.arn --output text)
        for i in $(seq 0 {{{{count - 1}}}}); do
          aws iam get-role --role-name "bench-app-$i" --output json > role.json
          arn=$(jq -r .Role.Arn role.json)
          jq --arg c "$cluster_arn" --arg sa "app-$i" '.Role.AssumeRolePolicyDocument | .Statement += [{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:RequestTag/eks-cluster-arn":$c,"aws:RequestTag/kubernetes-namespace":"bench","aws:RequestTag/kubernetes-service-account":$sa}}}]' role.json > trust.json
          aws iam update-assume-role-policy --role-name "bench-app-$i" --policy-document file://trust.json
          aws eks create-pod-identity-association --cluster-name '{{{{sandbox.ClusterName}}}}' --namespace bench --service-account "app-$i" --role-arn "$arn" > /dev/null
          kubectl annotate serviceaccount "app-$i" -n bench eks.amazonaws.com/role-arn- > /dev/null
        done
        for i in $(seq 0 {{{{count - 1}}}}); do
          aws iam get-role --role-name "bench-app-$i" --output json > role.json
          jq '.Role.AssumeRolePolicyDocument | .Statement |= map(select(.Action != "sts:AssumeRoleWithWebIdentity"))' role.json > trust.json
          aws iam update-assume-role-policy --role-name "bench-app-$i" --policy-document file://trust.json
        done

        """;

    /// <summary>How many service accounts ended where the migration should leave them.</summary>
    private static async Task<int> VerifyAsync(BenchSandbox sandbox, int count)
    {
        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = sandbox.Region, AccessKey = BenchSandbox.AccessKey, SecretKey = BenchSandbox.SecretKey, EndpointUrl = sandbox.AwsEndpoint });
        using var kube = sandbox.ConnectKubernetes();
        var cluster = (await aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = sandbox.ClusterName })).Cluster;
        var associations = (await aws.Eks.ListAllPodIdentityAssociationsAsync(sandbox.ClusterName, "bench")).ToDictionary(a => a.ServiceAccount, StringComparer.Ordinal);
        var host = sandbox.Issuer.Substring("https://".Length);
        var verified = 0;
        for (var i = 0; i < count; i++)
        {
            var name = Name(i);
            var role = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = "bench-" + name })).Role;
            var trust = PolicyDocument.Parse(role.AssumeRolePolicyDocument!);
            var account = await kube.GetServiceAccountAsync("bench", name);
            var ok = associations.TryGetValue(name, out var summary)
                && (await aws.Eks.DescribePodIdentityAssociationAsync(new DescribePodIdentityAssociationRequest { ClusterName = sandbox.ClusterName, AssociationId = summary.AssociationId })).Association.RoleArn == role.Arn
                && PodIdentityTrustEvaluator.Evaluate(trust, new PodIdentityRequest(sandbox.AccountId, cluster.Arn, "bench", name)).Allowed
                && !trust.ToJson().Contains(host + ":sub", StringComparison.Ordinal)
                && account.Irsa.RoleArn is null;
            verified += ok ? 1 : 0;
        }

        return verified;
    }

    private static PodIdentityMigrationRequest Request(BenchSandbox sandbox, int i) => new() { ClusterName = sandbox.ClusterName, Namespace = "bench", ServiceAccountName = Name(i) };

    private static string Name(int i) => "app-" + i.ToString(CultureInfo.InvariantCulture);

    private static IrsaSession Session(BenchSandbox sandbox, AwsCallCounter aws, KubeRequestCounter kube) => new(
        new IrsaSessionSettings
        {
            Aws = new AwsConnectionSettings { Region = sandbox.Region, AccessKey = BenchSandbox.AccessKey, SecretKey = BenchSandbox.SecretKey, EndpointUrl = sandbox.AwsEndpoint, Observer = aws },
            KubeConfigPath = sandbox.KubeConfig,
            KubernetesClient = new IrsaPS.Core.Kubernetes.KubernetesClientOptions { Observer = kube },
        },
        SilentHost.Instance);
}
