using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Core.Tests.Kubernetes;
using IrsaPS.Emulators.Moto;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// The real aws CLI (v1, botocore's own EKS model) against the emulator layer's Pod Identity operations, and the real
/// kubectl against the stand-in's DaemonSets: proof that the emulation speaks the wire protocol people's tools speak.
/// </summary>
public sealed class PodIdentityCliTests : IClassFixture<PodIdentityWorld>
{
    internal static readonly string? Aws = KubectlCompatibilityTests.FindOnPath("aws");

    private readonly PodIdentityWorld _world;

    public PodIdentityCliTests(PodIdentityWorld world) => _world = world;

    [AwsCliFact]
    public async Task TheAwsCli_CreatesListsAndIsRefusedADuplicate()
    {
        var ns = Names.Unique("cli");
        var role = $"arn:aws:iam::{PodIdentityWorld.AccountId}:role/cli-app";

        var (created, _, createExit) = await AwsAsync("eks", "create-pod-identity-association", "--cluster-name", PodIdentityWorld.ClusterName, "--namespace", ns, "--service-account", "app", "--role-arn", role, "--tags", "team=web");
        var (listed, _, listExit) = await AwsAsync("eks", "list-pod-identity-associations", "--cluster-name", PodIdentityWorld.ClusterName, "--namespace", ns);
        var (_, duplicate, duplicateExit) = await AwsAsync("eks", "create-pod-identity-association", "--cluster-name", PodIdentityWorld.ClusterName, "--namespace", ns, "--service-account", "app", "--role-arn", role);

        Assert.Equal(0, createExit);
        using var createdJson = JsonDocument.Parse(created);
        var association = createdJson.RootElement.GetProperty("association");
        Assert.Equal(role, association.GetProperty("roleArn").GetString());
        Assert.Equal("web", association.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal(0, listExit);
        using var listedJson = JsonDocument.Parse(listed);
        var summary = Assert.Single(listedJson.RootElement.GetProperty("associations").EnumerateArray());
        Assert.Equal(association.GetProperty("associationId").GetString(), summary.GetProperty("associationId").GetString());
        Assert.False(summary.TryGetProperty("roleArn", out _)); // the list's summaries carry no role, as in EKS
        Assert.NotEqual(0, duplicateExit);
        Assert.Contains("ResourceInUseException", duplicate, StringComparison.Ordinal);
        Assert.Contains("Association already exists", duplicate, StringComparison.Ordinal);
    }

    [AwsCliFact]
    public async Task TheAwsCliPaginator_FollowsNextToken_AndMaxResultsAbove100IsRefused()
    {
        var ns = Names.Unique("clipage");
        for (var i = 0; i < 130; i++)
        {
            _world.Associations.TryAdd(
                IrsaPS.Emulators.Eks.PodIdentityEmulator.NewRecord(_world.Associations, PodIdentityWorld.Region, _world.ClusterArn, ns, "sa-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"arn:aws:iam::{PodIdentityWorld.AccountId}:role/r"),
                null,
                out _,
                out _);
        }

        _world.Proxy.ResetCounters();
        var (listed, _, exit) = await AwsAsync("eks", "list-pod-identity-associations", "--cluster-name", PodIdentityWorld.ClusterName, "--namespace", ns);
        var pages = _world.Proxy.Received("ListPodIdentityAssociations");
        var (_, refused, refusedExit) = await AwsAsync("eks", "list-pod-identity-associations", "--cluster-name", PodIdentityWorld.ClusterName, "--max-results", "101", "--no-paginate");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(listed);
        Assert.Equal(130, json.RootElement.GetProperty("associations").GetArrayLength());
        Assert.Equal(2, pages); // the CLI's paginator followed nextToken: ceil(130 / 100) pages
        Assert.NotEqual(0, refusedExit);
        Assert.Contains("InvalidParameterException", refused, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task Kubectl_ListsTheAgentDaemonSet_WithOnePodPerLinuxNode()
    {
        var output = await KubectlAsync("get", "daemonsets", "-n", "kube-system");
        var pods = await KubectlAsync("get", "pods", "-n", "kube-system", "-l", "app.kubernetes.io/name=eks-pod-identity-agent", "-o", "name");

        Assert.Matches(@"NAME\s+DESIRED\s+CURRENT\s+READY", output);
        Assert.Matches(@"eks-pod-identity-agent\s+2\s+2\s+2", output);
        Assert.Equal(2, pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("pod/eks-pod-identity-agent-", StringComparison.Ordinal)));
    }

    private async Task<(string Output, string Error, int ExitCode)> AwsAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Aws!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--endpoint-url");
        info.ArgumentList.Add(_world.Endpoint.AbsoluteUri.TrimEnd('/'));
        info.ArgumentList.Add("--output");
        info.ArgumentList.Add("json");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKey;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretKey;
        info.Environment["AWS_DEFAULT_REGION"] = PodIdentityWorld.Region;
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        info.Environment.Remove("AWS_PROFILE");
        info.Environment.Remove("AWS_ENDPOINT_URL");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (await output, await error, process.ExitCode);
    }

    private async Task<string> KubectlAsync(params string[] args)
    {
        var info = new ProcessStartInfo(KubectlCompatibilityTests.Kubectl!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(_world.KubeConfigPath);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(Path.Combine(Path.GetTempPath(), "irsaps-kubectl-cache-" + Guid.NewGuid().ToString("N")));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(" ", args)} failed ({process.ExitCode}): {error}");
        return output;
    }
}

/// <summary>A fact that is skipped, with the reason, when the aws CLI is not installed.</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (PodIdentityCliTests.Aws is null)
        {
            Skip = "The aws CLI is not on PATH; the Pod Identity CLI check needs it (it is installed on the CI image).";
        }
    }
}
