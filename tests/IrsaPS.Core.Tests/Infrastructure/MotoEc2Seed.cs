using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>How an instance to seed is configured: its IMDS options (null = EC2's defaults) and its instance profile.</summary>
public sealed record SeedInstance(
    string? HttpTokens = null,
    int? HopLimit = null,
    string? HttpEndpoint = null,
    string? InstanceProfileArn = null,
    string AvailabilityZone = "us-east-1a");

/// <summary>
/// Creates what IrsaPS never creates, straight in moto: instance profiles and EC2 instances (RunInstances with
/// MetadataOptions), one reservation per instance. Like <see cref="MotoSeed"/>, requests carry a fixed Authorization
/// header whose credential scope names the service: moto routes by it and checks no signature.
/// </summary>
public static class MotoEc2Seed
{
    public const string ImageId = "ami-12c6146b";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>An instance profile holding a new role of the same name; returns the profile's ARN.</summary>
    public static async Task<string> CreateInstanceProfileAsync(Uri moto, string name)
    {
        var trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        await PostAsync(moto, "iam", new() { ["Action"] = "CreateRole", ["Version"] = "2010-05-08", ["RoleName"] = name, ["AssumeRolePolicyDocument"] = trust });
        var profile = await PostAsync(moto, "iam", new() { ["Action"] = "CreateInstanceProfile", ["Version"] = "2010-05-08", ["InstanceProfileName"] = name });
        await PostAsync(moto, "iam", new() { ["Action"] = "AddRoleToInstanceProfile", ["Version"] = "2010-05-08", ["InstanceProfileName"] = name, ["RoleName"] = name });
        return profile.Descendants().First(e => e.Name.LocalName == "Arn").Value;
    }

    /// <summary>Runs one instance per entry (each its own reservation) and returns their ids in order.</summary>
    public static async Task<IReadOnlyList<string>> RunInstancesAsync(Uri moto, params SeedInstance[] instances)
    {
        var ids = new List<string>();
        foreach (var instance in instances)
        {
            ids.AddRange(await RunAsync(moto, instance, 1));
        }

        return ids;
    }

    /// <summary>
    /// Runs <paramref name="count"/> instances alike in one RunInstances call (one reservation); returns their ids. moto
    /// associates an instance profile with the first of them only.
    /// </summary>
    public static Task<IReadOnlyList<string>> RunManyAsync(Uri moto, int count, SeedInstance instance) => RunAsync(moto, instance, count);

    private static async Task<IReadOnlyList<string>> RunAsync(Uri moto, SeedInstance instance, int count)
    {
        var form = new Dictionary<string, string>
        {
            ["Action"] = "RunInstances",
            ["Version"] = "2016-11-15",
            ["ImageId"] = ImageId,
            ["MinCount"] = count.ToString(CultureInfo.InvariantCulture),
            ["MaxCount"] = count.ToString(CultureInfo.InvariantCulture),
            ["InstanceType"] = "m5.large",
            ["Placement.AvailabilityZone"] = instance.AvailabilityZone,
        };
        Put(form, "MetadataOptions.HttpTokens", instance.HttpTokens);
        Put(form, "MetadataOptions.HttpPutResponseHopLimit", instance.HopLimit?.ToString(CultureInfo.InvariantCulture));
        Put(form, "MetadataOptions.HttpEndpoint", instance.HttpEndpoint);
        Put(form, "IamInstanceProfile.Arn", instance.InstanceProfileArn);
        var answer = await PostAsync(moto, "ec2", form);
        return answer.Descendants().Where(e => e.Name.LocalName == "instanceId").Select(e => e.Value).ToList();
    }

    /// <summary>A well-formed instance id that moto never issued (17 hex digits starting with "f0").</summary>
    public static string UnknownInstanceId(int n) => "i-f0" + n.ToString("x15", CultureInfo.InvariantCulture);

    private static void Put(Dictionary<string, string> form, string name, string? value)
    {
        if (value is not null)
        {
            form[name] = value;
        }
    }

    private static async Task<XElement> PostAsync(Uri moto, string service, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, moto);
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/{MotoFixture.Region}/{service}/aws4_request, SignedHeaders=host, Signature=0");
        request.Content = new FormUrlEncodedContent(form);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"moto refused {form["Action"]}: {(int)response.StatusCode} {body}");
        }

        return XDocument.Parse(body).Root!;
    }
}
