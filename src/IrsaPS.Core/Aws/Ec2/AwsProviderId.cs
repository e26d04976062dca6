using System;

namespace IrsaPS.Core.Aws.Ec2;

/// <summary>
/// A node's <c>spec.providerID</c> as the AWS cloud provider writes it: <c>aws:///us-east-1a/i-0123456789abcdef0</c>
/// for an EC2 instance (zone, then instance id). Fargate nodes have more segments
/// (<c>aws:///us-east-1a/&lt;id&gt;/fargate-ip-...</c>) and no instance id.
/// </summary>
internal sealed class AwsProviderId
{
    private const string Scheme = "aws://";

    private AwsProviderId(string availabilityZone, string? instanceId)
    {
        AvailabilityZone = availabilityZone;
        InstanceId = instanceId;
    }

    /// <summary>The zone segment, e.g. <c>us-east-1a</c> (empty when the provider id leaves it out).</summary>
    public string AvailabilityZone { get; }

    /// <summary>The EC2 instance id; null when the provider id names no EC2 instance (Fargate, other shapes).</summary>
    public string? InstanceId { get; }

    /// <summary>The parsed provider id, or null when it is not an <c>aws://</c> one.</summary>
    public static AwsProviderId? TryParse(string? providerId)
    {
        if (providerId is null || !providerId.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        // aws:///zone/i-... (empty host) or, in old clusters, aws://zone/i-... (zone as host).
        var rest = providerId.Substring(Scheme.Length).TrimStart('/');
        var segments = rest.Split('/');
        var zone = segments.Length > 1 ? segments[0] : string.Empty;
        var last = segments[segments.Length - 1];
        var instanceId = segments.Length <= 2 && Validation.InstanceId.IsValid(last) ? last : null;
        return new AwsProviderId(zone, instanceId);
    }
}
