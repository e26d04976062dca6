using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Ec2.Model;

/// <summary>
/// The parts of an EC2 instance IrsaPS reads: identity, state, placement, its instance profile (the node role) and its
/// instance metadata service options (who can reach that role's credentials at 169.254.169.254).
/// </summary>
internal sealed class Instance
{
    public string InstanceId { get; set; } = string.Empty;

    public string? InstanceType { get; set; }

    /// <summary>pending, running, shutting-down, terminated, stopping, stopped.</summary>
    public InstanceState? State { get; set; }

    public Placement? Placement { get; set; }

    public string? PrivateDnsName { get; set; }

    /// <summary>The instance profile whose role the instance's credentials belong to; null when it has none.</summary>
    public IamInstanceProfile? IamInstanceProfile { get; set; }

    /// <summary>The instance metadata service (IMDS) settings; null when the answer had none.</summary>
    public InstanceMetadataOptionsResponse? MetadataOptions { get; set; }

    public List<Tag> Tags { get; set; } = [];
}

internal sealed class InstanceState
{
    /// <summary>0 pending, 16 running, 32 shutting-down, 48 terminated, 64 stopping, 80 stopped.</summary>
    public int? Code { get; set; }

    public string? Name { get; set; }
}

internal sealed class Placement
{
    public string? AvailabilityZone { get; set; }
}

internal sealed class IamInstanceProfile
{
    public string? Arn { get; set; }

    public string? Id { get; set; }
}

/// <summary>
/// The instance metadata options. <see cref="HttpTokens"/> <c>optional</c> allows IMDSv1 (no session token, so no hop
/// limit applies); <c>required</c> allows only IMDSv2, whose token answer travels at most
/// <see cref="HttpPutResponseHopLimit"/> network hops (1: only the host itself; 2 or more: containers on a bridged or pod
/// network too). <see cref="HttpEndpoint"/> <c>disabled</c> turns the service off.
/// </summary>
internal sealed class InstanceMetadataOptionsResponse
{
    /// <summary>pending or applied (a change is not in force until applied).</summary>
    public string? State { get; set; }

    /// <summary>optional or required.</summary>
    public string? HttpTokens { get; set; }

    /// <summary>1-64.</summary>
    public int? HttpPutResponseHopLimit { get; set; }

    /// <summary>enabled or disabled.</summary>
    public string? HttpEndpoint { get; set; }

    public string? HttpProtocolIpv6 { get; set; }

    public string? InstanceMetadataTags { get; set; }
}

/// <summary>An EC2 tag (keys starting with <c>aws:</c> are set by AWS, e.g. <c>aws:ec2launchtemplate:id</c>).</summary>
internal sealed class Tag
{
    public Tag()
    {
    }

    public Tag(string key, string value)
    {
        Key = key;
        Value = value;
    }

    public string Key { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
