using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace IrsaPS.Bench.Scenarios;

/// <summary>A node the scale scenario creates, and the IMDS options of the EC2 instance behind it.</summary>
internal sealed record BenchNode(string Name, string HttpTokens, int HopLimit);

/// <summary>
/// Gives the sandbox's nodes real EC2 instances: an instance profile and one RunInstances per node in moto (raw Query
/// calls, which moto routes by the credential scope and does not verify; IrsaPS itself only reads EC2), then the nodes,
/// with provider ids naming those instances, created in the API stand-in with <c>kubectl create</c>.
/// </summary>
internal static class NodeSeed
{
    public static async Task<IReadOnlyDictionary<string, string>> CreateAsync(BenchSandbox sandbox, IReadOnlyList<BenchNode> nodes)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var moto = new Uri(sandbox.MotoEndpoint);
        var profile = (await PostAsync(http, moto, sandbox.Region, "iam", new() { ["Action"] = "CreateInstanceProfile", ["Version"] = "2010-05-08", ["InstanceProfileName"] = "bench-eks-node" }))
            .Descendants().First(e => e.Name.LocalName == "Arn").Value;
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = new List<object>();
        foreach (var node in nodes)
        {
            var zone = sandbox.Region + "a";
            var answer = await PostAsync(http, moto, sandbox.Region, "ec2", new()
            {
                ["Action"] = "RunInstances",
                ["Version"] = "2016-11-15",
                ["ImageId"] = "ami-12c6146b",
                ["MinCount"] = "1",
                ["MaxCount"] = "1",
                ["InstanceType"] = "m5.large",
                ["Placement.AvailabilityZone"] = zone,
                ["IamInstanceProfile.Arn"] = profile,
                ["MetadataOptions.HttpTokens"] = node.HttpTokens,
                ["MetadataOptions.HttpPutResponseHopLimit"] = node.HopLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            var id = answer.Descendants().First(e => e.Name.LocalName == "instanceId").Value;
            ids[node.Name] = id;
            items.Add(new
            {
                apiVersion = "v1",
                kind = "Node",
                metadata = new { name = node.Name, labels = new Dictionary<string, string> { ["eks.amazonaws.com/nodegroup"] = "workers" } },
                spec = new { providerID = $"aws:///{zone}/{id}" },
            });
        }

        var manifest = Path.Combine(sandbox.Directory, "nodes.json");
        await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(new { apiVersion = "v1", kind = "List", items }));
        await KubectlAsync(sandbox, "create", "--validate=false", "-f", manifest);
        return ids;
    }

    private static async Task<XElement> PostAsync(HttpClient http, Uri moto, string region, string service, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, moto);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={BenchSandbox.AccessKey}/20240101/{region}/{service}/aws4_request, SignedHeaders=host, Signature=0");
        request.Content = new FormUrlEncodedContent(form);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? XDocument.Parse(body).Root!
            : throw new InvalidOperationException($"moto refused {form["Action"]}: {(int)response.StatusCode} {body}");
    }

    private static async Task KubectlAsync(BenchSandbox sandbox, params string[] arguments)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(sandbox.KubeConfig);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("kubectl could not be started.");
        var output = new StringBuilder(await process.StandardOutput.ReadToEndAsync()).Append(await process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {string.Join(" ", arguments)} failed:\n{output}");
        }
    }
}
