using System;
using System.Collections.Generic;
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
using IrsaPS.Emulators.Faults;

namespace IrsaPS.Bench.Scenarios;

/// <summary>
/// The move of N service accounts from IRSA to EKS Pod Identity, end to end, twice, each on a fresh sandbox prepared the
/// same way (N IRSA roles and annotated service accounts in namespace <c>bench</c>, the agent on the nodes; no pods, so
/// nothing has to restart between the stages): (1) IrsaPS's core the way the cmdlets run it, Start for every service
/// account, then Complete for every one (two pipelines); (2) the same steps as a bash script with the aws CLI, jq and
/// kubectl (once: the cluster ARN and the agent DaemonSet; per service account: read the role from its annotation,
/// get-role, add the scoped Pod Identity statement, update-assume-role-policy, create-pod-identity-association, remove
/// the annotation; then per service account: check that none of its pods still has the IRSA environment, get-role, drop
/// the OIDC statement, update-assume-role-policy). AWS requests of both sides are counted on the wire by the project's
/// proxy in front of the sandbox's emulator layer (the script's aws CLI is pointed at it); the script's processes by
/// wrapper functions. Both end states are verified the same way: every association names its role, every trust lets
/// Pod Identity in for its service account and no longer names its OIDC subject, and no annotation is left.
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
        var irsa = await RunIrsaPsAsync(count);
        Console.WriteLine($"  {irsa.Time.TotalSeconds:0.0} s, {irsa.Verified}/{count} verified");
        Console.WriteLine($"bash + aws CLI + jq + kubectl: moving {count} service accounts to Pod Identity...");
        var cli = await RunCliAsync(count);
        Console.WriteLine($"  {cli.Time.TotalSeconds:0.0} s, {cli.Verified}/{count} verified");
        if (irsa.Verified != count || cli.Verified != count)
        {
            throw new InvalidOperationException($"Verified {irsa.Verified}/{count} (IrsaPS) and {cli.Verified}/{count} (script).");
        }

        var settle = IrsaOperationOptions.Default.TrustSettleDelay.TotalSeconds * 2 * count;
        var output = new StringBuilder();
        output.AppendLine("| | wall time | per service account | processes started | AWS requests on the wire | Kubernetes requests | verified |");
        output.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        output.AppendLine(CultureInfo.InvariantCulture, $"| IrsaPS core (Start-IrsaPodIdentityMigration for all, then Complete-IrsaPodIdentityMigration for all) | {irsa.Time.TotalSeconds:0.0} s | {irsa.Time.TotalMilliseconds / count:0} ms | 0 | {irsa.Aws.Values.Sum():N0} | {irsa.Kube:N0} | {irsa.Verified}/{count} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| bash + aws CLI v1 + jq + kubectl (same steps) | {cli.Time.TotalSeconds:0.0} s | {cli.Time.TotalMilliseconds / count:0} ms | {cli.Processes:N0} ({Describe(cli.ProcessesByTool)}) | {cli.Aws.Values.Sum():N0} | not counted | {cli.Verified}/{count} |");
        output.AppendLine();
        output.AppendLine("| AWS requests on the wire | IrsaPS core | script |");
        output.AppendLine("|---|---:|---:|");
        foreach (var action in irsa.Aws.Keys.Union(cli.Aws.Keys).Order(StringComparer.Ordinal))
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"| {action} | {irsa.Aws.GetValueOrDefault(action)} | {cli.Aws.GetValueOrDefault(action)} |");
        }

        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"IrsaPS Kubernetes requests by method: {Describe(irsa.KubeByMethod)}.");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Ratio: the scripted CLI takes {cli.Time.TotalSeconds / irsa.Time.TotalSeconds:0.0}× as long as IrsaPS's core. Up to {settle:0} s of IrsaPS's time is its deliberate wait after each of the {2 * count} trust writes ({IrsaOperationOptions.Default.TrustSettleDelay.TotalSeconds:0} s each: IAM has no conditional write, so IrsaPS re-reads the trust after a settle period and merges again if a concurrent writer overwrote it); the script does no such check.");
        return output.ToString();
    }

    private static async Task<BenchSandbox> PrepareAsync(int count)
    {
        var sandbox = await BenchSandbox.StartAsync(Seed);
        using var session = Session(sandbox, new KubeRequestCounter());
        await IrsaOidcProviders.RegisterAsync(session, new RegisterProviderRequest { ClusterName = sandbox.ClusterName }, default);
        for (var i = 0; i < count; i++)
        {
            var name = Name(i);
            var role = await IrsaRoles.NewAsync(session, new NewRoleRequest { RoleName = "bench-" + name, ClusterName = sandbox.ClusterName, ServiceAccounts = [new ServiceAccountRef("bench", name)] }, default);
            await IrsaServiceAccounts.SetAsync(session, new SetServiceAccountRequest { ClusterName = sandbox.ClusterName, Namespace = "bench", Name = name, RoleArn = role.Single().RoleArn }, default);
        }

        return sandbox;
    }

    internal sealed record Side(TimeSpan Time, IReadOnlyDictionary<string, int> Aws, int Kube, IReadOnlyDictionary<string, int> KubeByMethod, int Processes, IReadOnlyDictionary<string, int> ProcessesByTool, int Verified);

    internal static async Task<Side> RunIrsaPsAsync(int count)
    {
        using var sandbox = await PrepareAsync(count);
        await using var wire = await FaultProxy.StartAsync(new Uri(sandbox.AwsEndpoint), FaultPlan.None, [], port: 0);
        var kube = new KubeRequestCounter();
        var clock = Stopwatch.StartNew();
        using (var start = Session(sandbox, wire.Endpoint.AbsoluteUri, kube))
        {
            for (var i = 0; i < count; i++)
            {
                await IrsaPodIdentityMigrations.StartAsync(start, Request(sandbox, i), default);
            }
        }

        using (var complete = Session(sandbox, wire.Endpoint.AbsoluteUri, kube))
        {
            for (var i = 0; i < count; i++)
            {
                await IrsaPodIdentityMigrations.CompleteAsync(complete, Request(sandbox, i), default);
            }
        }

        clock.Stop();
        return new Side(clock.Elapsed, ByAction(wire), kube.Total, kube.ByMethod(), 0, new Dictionary<string, int>(), await VerifyAsync(sandbox, count));
    }

    internal static async Task<Side> RunCliAsync(int count)
    {
        using var sandbox = await PrepareAsync(count);
        await using var wire = await FaultProxy.StartAsync(new Uri(sandbox.AwsEndpoint), FaultPlan.None, [], port: 0);
        var script = Path.Combine(sandbox.Directory, "migrate.sh");
        await File.WriteAllTextAsync(script, Script(sandbox, wire.Endpoint.AbsoluteUri.TrimEnd('/'), count));
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

        // Every aws, kubectl and jq the script started wrote one line (its name) to processes.log.
        var tools = (await File.ReadAllLinesAsync(Path.Combine(sandbox.Directory, "processes.log")))
            .GroupBy(line => line, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new Side(clock.Elapsed, ByAction(wire), 0, new Dictionary<string, int>(), tools.Values.Sum(), tools, await VerifyAsync(sandbox, count));
    }

    private static Dictionary<string, int> ByAction(FaultProxy wire) =>
        wire.Requests.GroupBy(r => r.Action, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:N0}"));

    /// <summary>
    /// What a careful admin would script after the EKS user guide: one service account after another, Start's steps for
    /// all, then Complete's. aws, kubectl and jq are wrapped by functions that log one line per process started.
    /// </summary>
    private static string Script(BenchSandbox sandbox, string awsEndpoint, int count) => $$$$"""
        set -euo pipefail
        source '{{{{sandbox.EnvFile}}}}'
        export AWS_ENDPOINT_URL='{{{{awsEndpoint}}}}'
        : > processes.log
        aws() { echo aws >> processes.log; command aws "$@"; }
        kubectl() { echo kubectl >> processes.log; command kubectl "$@"; }
        jq() { echo jq >> processes.log; command jq "$@"; }
        cluster_arn=$(aws eks describe-cluster --name '{{{{sandbox.ClusterName}}}}' --query cluster.arn --output text)
        kubectl get daemonset eks-pod-identity-agent -n kube-system > /dev/null
        for i in $(seq 0 {{{{count - 1}}}}); do
          arn=$(kubectl get serviceaccount "app-$i" -n bench -o jsonpath='{.metadata.annotations.eks\.amazonaws\.com/role-arn}')
          role="${arn##*/}"
          aws iam get-role --role-name "$role" --output json > role.json
          jq --arg c "$cluster_arn" --arg sa "app-$i" '.Role.AssumeRolePolicyDocument | .Statement += [{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:RequestTag/eks-cluster-arn":$c,"aws:RequestTag/kubernetes-namespace":"bench","aws:RequestTag/kubernetes-service-account":$sa}}}]' role.json > trust.json
          aws iam update-assume-role-policy --role-name "$role" --policy-document file://trust.json
          aws eks create-pod-identity-association --cluster-name '{{{{sandbox.ClusterName}}}}' --namespace bench --service-account "app-$i" --role-arn "$arn" > /dev/null
          kubectl annotate serviceaccount "app-$i" -n bench eks.amazonaws.com/role-arn- > /dev/null
          echo "$role" >> roles.txt
        done
        i=0
        while read -r role; do
          kubectl get pods -n bench -o json > pods.json
          jq -e --arg sa "app-$i" '[.items[] | select(.spec.serviceAccountName == $sa) | select([.spec.containers[].env[]?.name] | index("AWS_ROLE_ARN"))] | length == 0' pods.json > /dev/null
          aws iam get-role --role-name "$role" --output json > role.json
          jq '.Role.AssumeRolePolicyDocument | .Statement |= map(select(.Action != "sts:AssumeRoleWithWebIdentity"))' role.json > trust.json
          aws iam update-assume-role-policy --role-name "$role" --policy-document file://trust.json
          i=$((i + 1))
        done < roles.txt

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

    private static IrsaSession Session(BenchSandbox sandbox, KubeRequestCounter kube) => Session(sandbox, sandbox.AwsEndpoint, kube);

    private static IrsaSession Session(BenchSandbox sandbox, string endpoint, KubeRequestCounter kube) => new(
        new IrsaSessionSettings
        {
            Aws = new AwsConnectionSettings { Region = sandbox.Region, AccessKey = BenchSandbox.AccessKey, SecretKey = BenchSandbox.SecretKey, EndpointUrl = endpoint },
            KubeConfigPath = sandbox.KubeConfig,
            KubernetesClient = new IrsaPS.Core.Kubernetes.KubernetesClientOptions { Observer = kube },
        },
        SilentHost.Instance);
}
