using System;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Validation;

/// <summary>
/// The AWS partitions IrsaPS supports: <c>aws</c>, <c>aws-cn</c> and <c>aws-us-gov</c>. ARNs, service
/// principals and endpoints differ between them, so every ARN IrsaPS writes is built from the partition
/// of the region or account it is about, never from a hard-coded <c>arn:aws:</c>.
/// </summary>
internal static class AwsPartition
{
    public const string Aws = "aws";
    public const string China = "aws-cn";
    public const string GovCloud = "aws-us-gov";

    /// <summary>The partition a region belongs to (<c>cn-north-1</c> → <c>aws-cn</c>, <c>us-gov-west-1</c> → <c>aws-us-gov</c>).</summary>
    public static string FromRegion(string region)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new IrsaValidationException(ErrorIds.InvalidPartition, "A region is needed to determine the AWS partition.");
        }

        if (region.StartsWith("cn-", StringComparison.Ordinal))
        {
            return China;
        }

        if (region.StartsWith("us-gov-", StringComparison.Ordinal))
        {
            return GovCloud;
        }

        return Aws;
    }

    /// <summary>True for one of the three supported partitions.</summary>
    public static bool IsSupported(string? partition) =>
        partition is Aws or China or GovCloud;

    /// <summary>Throws <c>InvalidPartition</c> unless <paramref name="partition"/> is supported.</summary>
    public static string Validate(string? partition)
    {
        if (!IsSupported(partition))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidPartition,
                $"Partition '{partition}' is not supported. Use one of: aws, aws-cn, aws-us-gov.",
                partition);
        }

        return partition!;
    }

    /// <summary>The DNS suffix of the partition's service endpoints (<c>amazonaws.com</c>, <c>amazonaws.com.cn</c>).</summary>
    public static string DnsSuffix(string partition) =>
        partition == China ? "amazonaws.com.cn" : "amazonaws.com";
}
