using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace IrsaPS.Sandbox;

/// <summary>A worker node of the sandbox and the IMDS settings of the EC2 instance behind it.</summary>
public sealed record SandboxNode(string Name, string HttpTokens, int HopLimit);

/// <summary>
/// Gives the sandbox's nodes EC2 instances in moto (an instance profile, one RunInstances per node with its metadata
/// options), so the audit's IMDS check sees what it sees on EKS: nodes whose provider id names a real instance.
/// </summary>
public sealed class MotoEc2(Uri endpoint, string region)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The default nodes: one hardened as EKS best practice says (IMDSv2, hop limit 1), one left at hop limit 2.</summary>
    public static readonly IReadOnlyList<SandboxNode> DefaultNodes =
    [
        new("ip-10-0-1-17.ec2.internal", "required", 1),
        new("ip-10-0-2-31.ec2.internal", "required", 2),
    ];

    /// <summary>Launches one instance per node; returns each node's provider id (<c>aws:///zone/i-...</c>).</summary>
    public async Task<IReadOnlyDictionary<string, string>> LaunchAsync(IReadOnlyList<SandboxNode> nodes, CancellationToken cancellationToken)
    {
        var profile = (await QueryAsync("iam", "2010-05-08", new() { ["Action"] = "CreateInstanceProfile", ["InstanceProfileName"] = "irsaps-sandbox-node" }, cancellationToken))
            .Descendants().First(e => e.Name.LocalName == "Arn").Value;
        var providerIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var zone = region + "a";
            var answer = await QueryAsync("ec2", "2016-11-15", new()
            {
                ["Action"] = "RunInstances",
                ["ImageId"] = "ami-12c6146b",
                ["MinCount"] = "1",
                ["MaxCount"] = "1",
                ["InstanceType"] = "m5.large",
                ["Placement.AvailabilityZone"] = zone,
                ["IamInstanceProfile.Arn"] = profile,
                ["MetadataOptions.HttpTokens"] = node.HttpTokens,
                ["MetadataOptions.HttpPutResponseHopLimit"] = node.HopLimit.ToString(CultureInfo.InvariantCulture),
                ["TagSpecification.1.ResourceType"] = "instance",
                ["TagSpecification.1.Tag.1.Key"] = "eks:nodegroup-name",
                ["TagSpecification.1.Tag.1.Value"] = "workers",
            }, cancellationToken);
            var id = answer.Descendants().First(e => e.Name.LocalName == "instanceId").Value;
            providerIds[node.Name] = $"aws:///{zone}/{id}";
        }

        return providerIds;
    }

    private async Task<XElement> QueryAsync(string service, string version, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        form["Version"] = version;
        var body = string.Join("&", form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        using var response = await MotoRequest.SendSignedAsync(Http, endpoint, region, service, HttpMethod.Post, "/", body, "application/x-www-form-urlencoded; charset=utf-8", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? XDocument.Parse(text).Root!
            : throw new InvalidOperationException($"moto refused {form["Action"]}: {(int)response.StatusCode} {text}");
    }
}
