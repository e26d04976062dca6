using System;
using System.Linq;
using IrsaPS.Core.Aws.Ec2.Model;

namespace IrsaPS.Core.Audit;

/// <summary>
/// An EC2 instance behind a node, as IRSA011 needs it: whether its instance metadata service hands the node role's
/// credentials to pods (metadata options, instance profile), and where its settings come from (launch template).
/// </summary>
internal sealed class AuditInstance
{
    private const string LaunchTemplateIdTag = "aws:ec2launchtemplate:id";
    private const string LaunchTemplateVersionTag = "aws:ec2launchtemplate:version";

    public string InstanceId { get; init; } = string.Empty;

    /// <summary>pending, running, shutting-down, terminated, stopping, stopped.</summary>
    public string? State { get; init; }

    public string? AvailabilityZone { get; init; }

    /// <summary>optional (IMDSv1 allowed) or required (IMDSv2 only); null when EC2 returned no metadata options.</summary>
    public string? HttpTokens { get; init; }

    /// <summary>How many network hops an IMDSv2 token answer may travel (1: the host only).</summary>
    public int? HttpPutResponseHopLimit { get; init; }

    /// <summary>enabled or disabled.</summary>
    public string? HttpEndpoint { get; init; }

    /// <summary>The instance profile (the node role's holder); null when the instance has none.</summary>
    public string? InstanceProfileArn { get; init; }

    /// <summary>The launch template the instance was launched from (its <c>aws:ec2launchtemplate:id</c> tag), if any.</summary>
    public string? LaunchTemplateId { get; init; }

    public string? LaunchTemplateVersion { get; init; }

    /// <summary>From a DescribeInstances answer.</summary>
    public static AuditInstance From(Instance instance)
    {
        if (instance is null)
        {
            throw new ArgumentNullException(nameof(instance));
        }

        return new AuditInstance
        {
            InstanceId = instance.InstanceId,
            State = instance.State?.Name,
            AvailabilityZone = instance.Placement?.AvailabilityZone,
            HttpTokens = instance.MetadataOptions?.HttpTokens,
            HttpPutResponseHopLimit = instance.MetadataOptions?.HttpPutResponseHopLimit,
            HttpEndpoint = instance.MetadataOptions?.HttpEndpoint,
            InstanceProfileArn = instance.IamInstanceProfile?.Arn,
            LaunchTemplateId = instance.Tags.FirstOrDefault(t => t.Key == LaunchTemplateIdTag)?.Value,
            LaunchTemplateVersion = instance.Tags.FirstOrDefault(t => t.Key == LaunchTemplateVersionTag)?.Value,
        };
    }

    public override string ToString() => InstanceId;
}
