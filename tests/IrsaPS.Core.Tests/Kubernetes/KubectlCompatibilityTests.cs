using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Emulators.Kubernetes;
using Xunit;
using Xunit.Abstractions;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>The real kubectl against the stand-in: proof that the stand-in speaks enough of the API for people's tools.</summary>
public class KubectlCompatibilityTests(ITestOutputHelper output)
{
    internal static readonly string? Kubectl = FindOnPath("kubectl");

    [KubectlFact]
    public async Task Kubectl_GetSa_GetPodsAllNamespaces_AndAnnotateSa_WorkAgainstTheStandIn()
    {
        await using var cluster = await TestCluster.StartAsync(tls: true);
        var store = cluster.Server.Store;
        store.EnsureNamespace("web");
        store.EnsureNamespace("payments");
        store.CreateServiceAccount("web", "app", new Dictionary<string, string> { ["keep.example.com/x"] = "1" });
        store.CreatePod(new KubeSeedPod("web", "app-1", "app").ToObject());
        store.CreatePod(new KubeSeedPod("payments", "api-1", "default", Phase: "Pending").ToObject());
        var kubeconfig = cluster.WriteTokenKubeConfig();

        var sa = await RunAsync(cluster, kubeconfig, "get", "sa", "-n", "web");
        Assert.Matches(@"NAME\s+SECRETS\s+AGE", sa);
        Assert.Contains("app", sa, StringComparison.Ordinal);
        Assert.Contains("default", sa, StringComparison.Ordinal);

        var pods = await RunAsync(cluster, kubeconfig, "get", "pods", "-A");
        Assert.Matches(@"NAMESPACE\s+NAME\s+READY\s+STATUS", pods);
        Assert.Matches(@"web\s+app-1\s+1/1\s+Running", pods);
        Assert.Matches(@"payments\s+api-1\s+0/1\s+Pending", pods);

        var annotate = await RunAsync(cluster, kubeconfig, "annotate", "sa", "app", "-n", "web", "eks.amazonaws.com/role-arn=arn:aws:iam::123456789012:role/app");
        Assert.Contains("serviceaccount/app annotated", annotate, StringComparison.Ordinal);
        var annotations = store.GetServiceAccount("web", "app").Meta.Annotations;
        Assert.Equal("arn:aws:iam::123456789012:role/app", annotations[IrsaAnnotationKeys.RoleArn]);
        Assert.Equal("1", annotations["keep.example.com/x"]);

        var json = await RunAsync(cluster, kubeconfig, "get", "sa", "app", "-n", "web", "-o", "jsonpath={.metadata.annotations.eks\\.amazonaws\\.com/role-arn}");
        Assert.Equal("arn:aws:iam::123456789012:role/app", json.Trim());
        foreach (var request in cluster.Server.Requests)
        {
            output.WriteLine($"{request.Method} {request.Path}{request.Query} -> {request.StatusCode} [{request.ContentType}] ({request.Accept})");
        }
    }

    internal static async Task<string> RunAsync(TestCluster cluster, string kubeconfig, params string[] args)
    {
        var info = new ProcessStartInfo(Kubectl!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(Path.Combine(cluster.Directory, "kubectl-cache"));
        info.ArgumentList.Add("--request-timeout=20s");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = cluster.Directory;
        info.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var output = await stdout;
        var errors = await stderr;
        var requests = string.Join("\n", cluster.Server.Requests.Select(r => $"{r.Method} {r.Path}{r.Query} -> {r.StatusCode} ({r.Accept})"));
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(" ", args)} failed ({process.ExitCode}):\n{errors}\n{output}\nRequests:\n{requests}");
        return output;
    }

    internal static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that is skipped, with the reason, when kubectl is not installed.</summary>
internal sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (KubectlCompatibilityTests.Kubectl is null)
        {
            Skip = "kubectl is not on PATH; the kubectl compatibility check needs it (it is installed on the CI image).";
        }
    }
}
