using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>Invoke-IrsaAudit's core against moto and the API stand-in: what it finds, and exactly which calls it makes.</summary>
public sealed class AuditWireTests : IClassFixture<MotoFixture>
{
    private const string AdminPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private const string S3Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    private readonly MotoFixture _moto;

    public AuditWireTests(MotoFixture moto) => _moto = moto;

    /// <summary>Plants one mistake per check that the sandbox can hold, next to clean roles and service accounts.</summary>
    private static async Task PlantAsync(AuditWorld world)
    {
        await world.CreateRoleAsync("app", world.Trust("system:serviceaccount:web:app"), inline: new Dictionary<string, string> { ["s3"] = S3Policy });
        await world.CreateRoleAsync("api-only", world.Trust("system:serviceaccount:web:api"));
        await world.CreateRoleAsync("admin", world.Trust("system:serviceaccount:ops:admin"), managed: ["arn:aws:iam::aws:policy/AdministratorAccess"], inline: new Dictionary<string, string> { ["all"] = AdminPolicy });
        var open = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + world.ProviderArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" + world.Issuer.AudKey + "\":\"sts.amazonaws.com\"}}}]}";
        await world.CreateRoleAsync("open", open);
        await world.CreateRoleAsync("ec2", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}", managed: ["arn:aws:iam::aws:policy/AdministratorAccess"]);

        await world.NodeAsync("node-1", new SeedInstance(HttpTokens: "required", HopLimit: 1));   // IMDS closed to pods: nothing for IRSA011
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("app"));
        world.Pod("web", "app-5d9f8b6c4d-1", "app");
        world.ServiceAccount("web", "wrong", AuditWorld.RoleArn("api-only"));
        world.ServiceAccount("web", "ghost", AuditWorld.RoleArn("does-not-exist"));
        world.ServiceAccount("ops", "admin");
        world.Pod("ops", "admin-7c8d9e0f1a-1", "admin", ownerName: "admin-7c8d9e0f1a");
        world.Annotate("ops", "admin", AuditWorld.RoleArn("admin"));
        world.Pod("ops", "admin-7c8d9e0f1a-2", "admin", ownerName: "admin-7c8d9e0f1a");
        world.ServiceAccount("kube-system", "node-agent");
        world.Pod("kube-system", "agent-1", "node-agent", hostNetwork: true, ownerName: "agent-6f7e8d9c0b");
    }

    [Fact]
    public async Task Audit_FindsThePlantedMistakes_AndMakesExactlyTheCallsItNeeds()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await PlantAsync(world);
        world.Calls.Reset();

        var result = await new IrsaAuditor(world.Aws, world.Client).RunAsync(world.ClusterName, new AuditOptions { RolePageSize = 2, KubernetesPageSize = 3 });

        var found = result.Findings.Select(f => f.CheckId + " " + f.Resource).ToList();
        Assert.Contains("IRSA001 " + AuditWorld.RoleArn("open"), found);
        Assert.Contains("IRSA006 web/ghost", found);
        Assert.Contains("IRSA007 web/wrong", found);
        Assert.Contains("IRSA012 ops/ReplicaSet/admin-7c8d9e0f1a", found);
        Assert.Equal(2, result.FindingsOf("IRSA015").Count(f => f.RoleName == "admin"));
        Assert.DoesNotContain(result.Findings, f => f.RoleName is "app" or "ec2");
        Assert.DoesNotContain(result.Findings, f => f.Resource.StartsWith("kube-system", StringComparison.Ordinal));
        Assert.DoesNotContain(found, f => f.StartsWith("IRSA007 web/app", StringComparison.Ordinal));

        // IRSA015 needs the roles' policies, so roles come from GetAccountAuthorizationDetails (which moto answers in one
        // page whatever MaxItems says; the paging itself is tested with canned IAM answers) and nothing is read per role.
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["EC2 DescribeInstances"] = 1,
                ["EKS DescribeCluster"] = 1,
                ["EKS ListPodIdentityAssociations"] = 1, // moto has no Pod Identity API: the Pod Identity checks are skipped
                ["IAM GetAccountAuthorizationDetails"] = 1,
                ["IAM GetOpenIDConnectProvider"] = 1,
                ["IAM ListOpenIDConnectProviders"] = 1,
                ["STS GetCallerIdentity"] = 1,
            },
            world.Calls.CallsByOperation().OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));

        // The Pod Identity checks read the agent DaemonSet (absent here) and every node once more.
        // 5 service accounts (+ the 3 namespaces' "default"), 4 pods and 1 node, 3 per page: ceil(8/3) + ceil(4/3) + ceil(1/3)
        // requests; the IRSA pods off the host network run on node-1, so IRSA011 reads its one instance (1 DescribeInstances).
        Assert.Equal(8, result.Statistics.ServiceAccounts);
        Assert.Equal(4, result.Statistics.PodsListed);
        Assert.Equal(3, result.Statistics.PodsExamined);
        Assert.Equal(1, result.Statistics.NodesListed);
        Assert.Equal(1, result.Statistics.Instances);
        Assert.Empty(result.FindingsOf("IRSA011"));
        Assert.Equal(3, world.KubeRequests("/api/v1/serviceaccounts"));
        Assert.Equal(2, world.KubeRequests("/api/v1/pods"));
        Assert.Equal(2, world.KubeRequests("/api/v1/nodes"));
        Assert.Equal(1, world.KubeRequests("/apis/apps/v1/namespaces/kube-system/daemonsets/eks-pod-identity-agent"));
        Assert.Equal(8, world.KubeRequestCount);
    }

    [Fact]
    public async Task Audit_OfTrustOnlyChecks_ReadsNoPolicies_AndNothingFromTheCluster()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await PlantAsync(world);
        world.Calls.Reset();

        var result = await new IrsaAuditor(world.Aws, world.Client).RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA001", "TrustPolicySize"], RolePageSize = 2 });

        Assert.Equal(AuditWorld.RoleArn("open"), Assert.Single(result.Findings).Resource);
        Assert.Equal(
            new Dictionary<string, int> { ["EKS DescribeCluster"] = 1, ["IAM ListRoles"] = 3, ["STS GetCallerIdentity"] = 1 },
            world.Calls.CallsByOperation().OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));
        Assert.Equal(0, world.KubeRequestCount);
    }

    [Fact]
    public async Task Audit_WithARequiredBoundary_ReadsBoundariesWithTheRoles_NotPerRole()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await PlantAsync(world);
        world.Calls.Reset();

        var result = await new IrsaAuditor(world.Aws, world.Client).RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA014"], RequiredPermissionsBoundaryArn = "arn:aws:iam::aws:policy/PowerUserAccess" });

        Assert.Equal(0, world.Calls.Calls("IAM", "GetRole"));
        Assert.Equal(0, world.Calls.Calls("IAM", "ListRoles"));
        Assert.Equal(1, world.Calls.Calls("IAM", "GetAccountAuthorizationDetails"));
        Assert.Equal(4, result.FindingsOf("IRSA014").Count);
    }

    [Fact]
    public async Task Audit_OfAStaleIssuer_ListsTheRegionsClusters_AndFindsIt()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, "staging");
        var stale = IrsaPS.Core.Validation.OidcIssuer.Parse("https://oidc.eks.us-east-1.amazonaws.com/id/DE1E7ED0000000000000000000000000");
        var trust = IrsaPS.Core.Policy.TrustPolicyBuilder.BuildJson("aws", "123456789012", [new IrsaPS.Core.Policy.IrsaSubject(stale, "web", "app")]);
        await world.CreateRoleAsync("stale", trust);
        world.Calls.Reset();

        var result = await new IrsaAuditor(world.Aws, world.Client).RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA005"] });

        Assert.Equal(1, world.Calls.Calls("EKS", "ListClusters"));
        Assert.Equal(2, world.Calls.Calls("EKS", "DescribeCluster"));
        var findings = result.FindingsOf("IRSA005");
        Assert.Equal([IrsaSeverity.High, IrsaSeverity.Low], findings.Select(f => f.Severity).OrderByDescending(s => s));
        Assert.Contains(findings, f => f.Message.Contains("belongs to no EKS cluster in us-east-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_BadInput_FailsBeforeAnyCall()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        world.Calls.Reset();
        var auditor = new IrsaAuditor(world.Aws, world.Client);

        var unknown = await Assert.ThrowsAsync<IrsaValidationException>(() => auditor.RunAsync(world.ClusterName, new AuditOptions { Checks = ["IRSA099"] }));
        var badName = await Assert.ThrowsAsync<IrsaValidationException>(() => auditor.RunAsync("bad name!"));

        Assert.Equal(ErrorIds.UnknownAuditCheck, unknown.ErrorId);
        Assert.Equal(ErrorIds.InvalidClusterName, badName.ErrorId);
        Assert.Equal(0, world.Calls.TotalCalls);
        Assert.Equal(0, world.KubeRequestCount);
    }

    [Fact]
    public async Task Audit_OfAClusterThatDoesNotExist_SaysSo()
    {
        await using var world = await AuditWorld.StartAsync(_moto);

        var error = await Assert.ThrowsAsync<IrsaException>(() => new IrsaAuditor(world.Aws, world.Client).RunAsync("nope"));

        Assert.Equal(ErrorIds.ClusterNotFound, error.ErrorId);
        Assert.Equal(IrsaErrorKind.NotFound, error.Kind);
        Assert.Equal(0, world.KubeRequestCount);
    }

    [Fact]
    public async Task Audit_ReportsProgressForBothSides_AndCompletesEveryActivity()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await PlantAsync(world);
        var host = new AuditorTests.RecordingHost();

        await new IrsaAuditor(world.Aws, world.Client, host).RunAsync(world.ClusterName);

        var activities = host.Progress.Select(p => p.ActivityId).Distinct().ToList();
        Assert.Equal(3, activities.Count);
        foreach (var activity in activities)
        {
            Assert.True(host.Progress.Last(p => p.ActivityId == activity).Completed);
        }

        Assert.Contains(host.Progress, p => p.Status.StartsWith("Listing pods", StringComparison.Ordinal));
        Assert.Contains(host.Progress, p => p.Status.StartsWith("Reading roles and their policies", StringComparison.Ordinal));
    }
}
