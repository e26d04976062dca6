using System.Collections.Generic;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws.Ec2.Model;

/// <summary>What every EC2 answer has: the request id (for AWS support and CloudTrail).</summary>
internal abstract class Ec2Response
{
    public string? RequestId { get; set; }
}

/// <summary>
/// Describes instances by id or by filter, one page at a time. EC2's rules, checked before anything is sent:
/// <see cref="InstanceIds"/> (at most 1,000) cannot be combined with <see cref="MaxResults"/> (5-1,000), and a call carries
/// at most 200 filter values in all. Asking for an id that does not exist fails the whole call
/// (<c>InvalidInstanceID.NotFound</c>); the <c>instance-id</c> filter skips such ids instead.
/// </summary>
internal sealed class DescribeInstancesRequest
{
    public List<string> InstanceIds { get; set; } = [];

    public List<Filter> Filters { get; set; } = [];

    public int? MaxResults { get; set; }

    /// <summary>The <c>NextToken</c> of the previous page's answer; null for the first page.</summary>
    public string? NextToken { get; set; }
}

/// <summary>One page of instances, grouped in the reservations they were launched in.</summary>
internal sealed class DescribeInstancesResponse : Ec2Response, IAwsPage
{
    public List<Reservation> Reservations { get; set; } = [];

    /// <summary>Null on the last page.</summary>
    public string? NextToken { get; set; }

    string? IAwsPage.NextPageToken => string.IsNullOrEmpty(NextToken) ? null : NextToken;
}

/// <summary>A filter: <see cref="Name"/> (e.g. <c>instance-id</c>, <c>tag:eks:cluster-name</c>) matches any of <see cref="Values"/>.</summary>
internal sealed class Filter
{
    public Filter()
    {
    }

    public Filter(string name, List<string> values)
    {
        Name = name;
        Values = values;
    }

    public string Name { get; set; } = string.Empty;

    public List<string> Values { get; set; } = [];
}

/// <summary>The instances launched by one RunInstances call.</summary>
internal sealed class Reservation
{
    public string ReservationId { get; set; } = string.Empty;

    /// <summary>The account that owns the instances.</summary>
    public string OwnerId { get; set; } = string.Empty;

    public List<Instance> Instances { get; set; } = [];
}
