using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Audit.Checks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Bench.Scenarios;

/// <summary>
/// The audit at scale: a sandbox whose cluster has <c>namespaces × 1,000</c> service accounts (every 4th annotated with its
/// own role), the given number of pods on 8 nodes backed by EC2 instances (two of them open to pods through IMDS), and an
/// account with one role per annotated service account (5,000), a few with planted mistakes. Reports API calls per operation against the lower bound, wall time (gather and evaluate
/// apart), and memory of the audit; once with the default checks and once without the per-role check IRSA015.
/// </summary>
internal static class ScaleScenario
{
    private const int PerNamespace = 1000;
    private const int AnnotateEvery = 4;
    private const int SeedParallelism = 16;

    /// <summary>The generated pods run on node-0..node-7 (pod index % 8); node-1 allows IMDSv1, node-2 a hop limit of 2.</summary>
    private static readonly BenchNode[] Nodes =
    [
        new("node-0", "required", 1), new("node-1", "optional", 1), new("node-2", "required", 2), new("node-3", "required", 1),
        new("node-4", "required", 1), new("node-5", "required", 1), new("node-6", "required", 1), new("node-7", "required", 1),
    ];

    public static async Task<string> RunAsync(int namespaces, int pods)
    {
        var output = new StringBuilder();
        var seed = "{\"namespaces\":[],\"generate\":{\"namespaces\":" + namespaces.ToString(CultureInfo.InvariantCulture)
            + ",\"serviceAccountsPerNamespace\":" + PerNamespace.ToString(CultureInfo.InvariantCulture)
            + ",\"pods\":" + pods.ToString(CultureInfo.InvariantCulture)
            + ",\"annotateEvery\":" + AnnotateEvery.ToString(CultureInfo.InvariantCulture) + ",\"accountId\":\"123456789012\"}}";
        Console.WriteLine($"Starting the sandbox with {namespaces * PerNamespace:N0} service accounts and {pods:N0} pods...");
        using var sandbox = await BenchSandbox.StartAsync(seed);
        Console.WriteLine($"  sandbox up in {sandbox.StartTime.TotalSeconds:0.0} s");

        var issuer = OidcIssuer.Parse(sandbox.Issuer);
        var (roles, seedTime) = await SeedRolesAsync(sandbox, issuer, namespaces);
        Console.WriteLine($"  {roles:N0} roles created in {seedTime.TotalSeconds:0.0} s ({roles / seedTime.TotalSeconds:0} CreateRole/s, {SeedParallelism} at a time)");

        await NodeSeed.CreateAsync(sandbox, Nodes);
        Console.WriteLine($"  {Nodes.Length} nodes with EC2 instances created");

        output.AppendLine(CultureInfo.InvariantCulture, $"Population: {namespaces * PerNamespace + namespaces:N0} service accounts ({namespaces} namespaces × {PerNamespace:N0} + each namespace's default), {pods:N0} pods on {Nodes.Length} nodes backed by EC2 instances (node-1 allows IMDSv1, node-2 has a hop limit of 2), {roles:N0} roles. Seeding took {seedTime.TotalSeconds:0} s ({roles / seedTime.TotalSeconds:0} CreateRole/s against moto).");
        output.AppendLine();

        var defaults = AuditCheckCatalog.Select(null).Select(c => c.Id).ToList();
        await RunAuditAsync(sandbox, "default checks (IRSA001-013, 015, 016)", defaults, output);
        await RunAuditAsync(sandbox, "default checks without IRSA015 (ListRoles instead of GetAccountAuthorizationDetails)", defaults.Where(c => c != "IRSA015").ToList(), output);
        return output.ToString();
    }

    private static async Task<(int Roles, TimeSpan Time)> SeedRolesAsync(BenchSandbox sandbox, OidcIssuer issuer, int namespaces)
    {
        using var aws = sandbox.ConnectAws();
        await aws.Iam.CreateOpenIDConnectProviderAsync(new CreateOpenIDConnectProviderRequest { Url = issuer.Url, ClientIDList = ["sts.amazonaws.com"], ThumbprintList = [new string('a', 40)] });
        var plans = new List<(string Name, string Trust, bool Admin)>();
        var index = 0;
        for (var n = 0; n < namespaces; n++)
        {
            var ns = "ns-" + n.ToString("D4", CultureInfo.InvariantCulture);
            for (var s = 0; s < PerNamespace; s += AnnotateEvery, index++)
            {
                var sa = "sa-" + s.ToString("D4", CultureInfo.InvariantCulture);
                if (index % 1000 == 999)
                {
                    continue; // planted: an annotated service account whose role does not exist (IRSA006)
                }

                plans.Add((ns + "-" + sa, TrustFor(issuer, sandbox.AccountId, index, ns, sa), index % 1700 == 5));
            }
        }

        var stale = OidcIssuer.Parse("https://oidc.eks." + sandbox.Region + ".amazonaws.com/id/DE1E7ED00000000000000000000000" + "00");
        for (var i = 0; plans.Count < index; i++)
        {
            // planted: roles of a deleted cluster (IRSA005), keeping the role count at one per annotated service account
            plans.Add(("legacy-" + i.ToString(CultureInfo.InvariantCulture), TrustPolicyBuilder.BuildJson("aws", sandbox.AccountId, [new IrsaSubject(stale, "web", "app-" + i)]), false));
        }

        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(SeedParallelism);
        await Task.WhenAll(plans.Select(async plan =>
        {
            await gate.WaitAsync();
            try
            {
                await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = plan.Name, AssumeRolePolicyDocument = plan.Trust });
                if (plan.Admin)
                {
                    await aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = plan.Name, PolicyArn = "arn:aws:iam::aws:policy/AdministratorAccess" });
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        return (plans.Count, clock.Elapsed);
    }

    /// <summary>Realistic IRSA trusts (StringEquals sub + aud), with planted mistakes at fixed intervals.</summary>
    private static string TrustFor(OidcIssuer issuer, string account, int index, string ns, string sa)
    {
        var provider = issuer.ProviderArn("aws", account);
        string Statement(string condition) =>
            $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"Federated\":\"{provider}\"}},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{condition}}}]}}";
        return (index % 500) switch
        {
            3 => Statement($"{{\"StringEquals\":{{\"{issuer.AudKey}\":\"sts.amazonaws.com\"}}}}"),                                                                 // IRSA001
            7 or 257 => Statement($"{{\"StringLike\":{{\"{issuer.SubKey}\":\"system:serviceaccount:{ns}:sa-0*\",\"{issuer.AudKey}\":\"sts.amazonaws.com\"}}}}"),  // IRSA002
            11 => Statement($"{{\"StringEquals\":{{\"{issuer.SubKey}\":\"system:serviceaccount:{ns}:*\",\"{issuer.AudKey}\":\"sts.amazonaws.com\"}}}}"),           // IRSA004 + IRSA007
            13 or 113 or 213 or 313 or 413 => TrustPolicyBuilder.BuildJson("aws", account, [new IrsaSubject(issuer, ns, sa + "-old")]),                             // IRSA007
            _ => TrustPolicyBuilder.BuildJson("aws", account, [new IrsaSubject(issuer, ns, sa)]),
        };
    }

    private static async Task RunAuditAsync(BenchSandbox sandbox, string title, IReadOnlyList<string> checks, StringBuilder output)
    {
        Console.WriteLine($"Auditing with {title}...");
        var aws = new AwsCallCounter();
        var kube = new KubeRequestCounter();
        using var connection = sandbox.ConnectAws(aws);
        using var client = sandbox.ConnectKubernetes(kube);
        var options = new AuditOptions { Checks = checks };
        var needs = AuditCheckCatalog.Select(checks).Aggregate(AuditNeeds.None, (all, c) => all | c.Needs);

        using var meter = new ResourceMeter();
        var gather = Stopwatch.StartNew();
        var snapshot = await new AuditGatherer(connection, client).GatherAsync(sandbox.ClusterName, needs, options);
        gather.Stop();
        var evaluate = Stopwatch.StartNew();
        var result = IrsaAuditor.Evaluate(snapshot, options);
        evaluate.Stop();
        meter.Stop();
        GC.KeepAlive(snapshot);

        var stats = result.Statistics;
        output.AppendLine(CultureInfo.InvariantCulture, $"### Audit with {title}");
        output.AppendLine();
        output.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Wall time {meter.Elapsed.TotalSeconds:0.0} s: gathering {gather.Elapsed.TotalSeconds:0.0} s (AWS and Kubernetes concurrently), index + checks {evaluate.Elapsed.TotalMilliseconds:0} ms. Peak working set {ResourceMeter.Mb(meter.PeakWorkingSet)} (baseline {ResourceMeter.Mb(meter.BaselineWorkingSet)}), peak managed heap {ResourceMeter.Mb(meter.PeakManaged)} (baseline {ResourceMeter.Mb(meter.BaselineManaged)}), {ResourceMeter.Mb(meter.Allocated)} allocated in all."));
        output.AppendLine();
        var byCheck = string.Join(", ", result.Findings.GroupBy(f => f.CheckId).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count().ToString("N0", CultureInfo.InvariantCulture)));
        output.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Read: {stats.Roles:N0} roles ({stats.ClusterRoles:N0} trusting the cluster), {stats.OidcProviders} OIDC provider(s), {stats.ServiceAccounts:N0} service accounts ({stats.AnnotatedServiceAccounts:N0} annotated), {stats.PodsListed:N0} pods ({stats.PodsExamined:N0} kept), {stats.NodesListed:N0} nodes, {stats.Instances:N0} EC2 instances. {result.Findings.Count:N0} findings: {byCheck}."));
        output.AppendLine();
        output.AppendLine("| API | operation | calls | lower bound | why |");
        output.AppendLine("|---|---|---:|---:|---|");
        void Row(string api, string operation, int calls, int bound, string why) =>
            output.AppendLine(CultureInfo.InvariantCulture, $"| {api} | {operation} | {calls:N0} | {bound:N0} | {why} |");
        void TextRow(string api, string operation, int calls, string bound, string why) =>
            output.AppendLine(CultureInfo.InvariantCulture, $"| {api} | {operation} | {calls:N0} | {bound} | {why} |");

        int Ceil(int n, int page) => (n + page - 1) / page;
        Row("EKS", "DescribeCluster", aws.Calls("EKS", "DescribeCluster"), 1, "the audited cluster");
        Row("STS", "GetCallerIdentity", aws.Calls("STS", "GetCallerIdentity"), 1, "the account the roles are in");
        var details = needs.HasFlag(AuditNeeds.RolePolicies) || needs.HasFlag(AuditNeeds.PermissionsBoundaries);
        Row("IAM", "ListRoles", aws.Calls("IAM", "ListRoles"), details ? 0 : Ceil(stats.Roles, options.RolePageSize), details ? "not needed: the roles come with their policies below" : $"ceil({stats.Roles:N0} / {options.RolePageSize:N0}); each page carries the trust policies");
        TextRow("IAM", "GetAccountAuthorizationDetails", aws.Calls("IAM", "GetAccountAuthorizationDetails"), details ? $"1 on moto, {Ceil(stats.Roles, options.RolePageSize):N0} on IAM" : "0", details ? $"IRSA014/015: roles with trust, policies and boundary; IAM pages ceil({stats.Roles:N0} / {options.RolePageSize:N0}), moto answers in one page" : "not needed");
        Row("IAM", "ListOpenIDConnectProviders", aws.Calls("IAM", "ListOpenIDConnectProviders"), 1, "one page, unpaged API");
        Row("IAM", "GetOpenIDConnectProvider", aws.Calls("IAM", "GetOpenIDConnectProvider"), needs.HasFlag(AuditNeeds.ProviderClientIds) ? 1 : 0, "client ids of the audited cluster's provider only");
        Row("EKS", "ListClusters", aws.Calls("EKS", "ListClusters"), 1, "a trust names another issuer of this region (the planted legacy roles)");
        var perRole = aws.Calls("IAM", "GetRole") + aws.Calls("IAM", "ListAttachedRolePolicies") + aws.Calls("IAM", "ListRolePolicies") + aws.Calls("IAM", "GetRolePolicy");
        Row("IAM", "GetRole, ListAttachedRolePolicies, ListRolePolicies, GetRolePolicy", perRole, 0, "never per role");
        Row("Kubernetes", "GET /api/v1/serviceaccounts", kube.Count("GET", "/api/v1/serviceaccounts"), Ceil(stats.ServiceAccounts, options.KubernetesPageSize), $"ceil({stats.ServiceAccounts:N0} / {options.KubernetesPageSize})");
        Row("Kubernetes", "GET /api/v1/pods", kube.Count("GET", "/api/v1/pods"), Ceil(stats.PodsListed, options.KubernetesPageSize), $"ceil({stats.PodsListed:N0} / {options.KubernetesPageSize})");
        Row("Kubernetes", "GET /api/v1/nodes", kube.Count("GET", "/api/v1/nodes"), Ceil(stats.NodesListed, options.KubernetesPageSize), $"IRSA011: ceil({stats.NodesListed:N0} / {options.KubernetesPageSize}), only because IRSA pods run off the host network");
        Row("EC2", "DescribeInstances", aws.Calls("EC2", "DescribeInstances"), Ceil(stats.Instances, 200), $"IRSA011: the {stats.Instances:N0} instance(s) behind the nodes of those pods, 200 ids per call");
        output.AppendLine(CultureInfo.InvariantCulture, $"| all | | {aws.TotalCalls + kube.Total:N0} | | AWS calls {aws.TotalCalls:N0} (HTTP attempts {aws.TotalAttempts:N0}), Kubernetes requests {kube.Total:N0} |");
        output.AppendLine();
        Console.WriteLine($"  done in {meter.Elapsed.TotalSeconds:0.0} s, {result.Findings.Count:N0} findings");
    }
}
