using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using IrsaPS.Core.Aws.Eks.Model;

namespace IrsaPS.Core.Aws.Eks.Internal;

/// <summary>Reads EKS's JSON shapes into the model. Unknown fields are ignored; missing ones stay null.</summary>
internal static partial class EksJsonReader
{
    public static DescribeClusterResponse DescribeCluster(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var cluster = json.RootElement.TryGetProperty("cluster", out var c) && c.ValueKind == JsonValueKind.Object
            ? Cluster(c)
            : throw new JsonException("The answer has no 'cluster' object.");
        return new DescribeClusterResponse { Cluster = cluster };
    }

    public static ListClustersResponse ListClusters(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new ListClustersResponse { Clusters = Strings(root, "clusters"), NextToken = String(root, "nextToken") };
    }

    public static Cluster Cluster(JsonElement c) => new()
    {
        Name = String(c, "name") ?? string.Empty,
        Arn = String(c, "arn") ?? string.Empty,
        CreatedAt = Timestamp(c, "createdAt"),
        Version = String(c, "version"),
        Endpoint = String(c, "endpoint"),
        RoleArn = String(c, "roleArn"),
        Status = String(c, "status"),
        PlatformVersion = String(c, "platformVersion"),
        CertificateAuthority = Object(c, "certificateAuthority") is { } ca ? new Certificate { Data = String(ca, "data") } : null,
        Identity = Object(c, "identity") is { } identity
            ? new Identity { Oidc = Object(identity, "oidc") is { } oidc ? new OIDC { Issuer = String(oidc, "issuer") } : null }
            : null,
        ResourcesVpcConfig = Object(c, "resourcesVpcConfig") is { } vpc
            ? new VpcConfigResponse
            {
                EndpointPublicAccess = Bool(vpc, "endpointPublicAccess") ?? false,
                EndpointPrivateAccess = Bool(vpc, "endpointPrivateAccess") ?? false,
                VpcId = String(vpc, "vpcId"),
                SubnetIds = Strings(vpc, "subnetIds"),
                PublicAccessCidrs = Strings(vpc, "publicAccessCidrs"),
            }
            : null,
        AccessConfig = Object(c, "accessConfig") is { } access
            ? new AccessConfigResponse
            {
                AuthenticationMode = String(access, "authenticationMode"),
                BootstrapClusterCreatorAdminPermissions = Bool(access, "bootstrapClusterCreatorAdminPermissions"),
            }
            : null,
        OutpostConfig = Object(c, "outpostConfig") is { } outpost
            ? new OutpostConfigResponse { OutpostArns = Strings(outpost, "outpostArns"), ControlPlaneInstanceType = String(outpost, "controlPlaneInstanceType") }
            : null,
        Tags = StringMap(c, "tags"),
    };

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Bool(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static List<string> Strings(JsonElement parent, string name)
    {
        var result = new List<string>();
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    result.Add(item.GetString()!);
                }
            }
        }

        return result;
    }

    private static Dictionary<string, string> StringMap(JsonElement parent, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    result[property.Name] = property.Value.GetString()!;
                }
            }
        }

        return result;
    }

    /// <summary>REST-JSON timestamps are epoch seconds (possibly fractional); ISO 8601 text is accepted too.</summary>
    private static DateTime? Timestamp(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var milliseconds = (long)Math.Round(value.GetDouble() * 1000, MidpointRounding.AwayFromZero);
            return new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(milliseconds);
        }

        return value.ValueKind == JsonValueKind.String
            ? DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : null;
    }
}
