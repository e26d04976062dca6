using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// The public endpoints and signing regions of the services IrsaPS calls, per partition. IAM is global: one
/// endpoint per partition, signed for the partition's global region (us-east-1, cn-north-1, us-gov-west-1).
/// </summary>
internal static class ServiceEndpoints
{
    /// <summary>The region a request to <paramref name="service"/> in <paramref name="region"/> is signed for.</summary>
    public static string SigningRegion(ServiceDescription service, string region)
    {
        if (!service.IsGlobal)
        {
            return region;
        }

        return AwsPartition.FromRegion(region) switch
        {
            AwsPartition.China => "cn-north-1",
            AwsPartition.GovCloud => "us-gov-west-1",
            _ => "us-east-1",
        };
    }

    /// <summary>The service's default https endpoint for a region, e.g. <c>https://eks.eu-west-1.amazonaws.com</c>.</summary>
    public static string DefaultUrl(ServiceDescription service, string region)
    {
        var partition = AwsPartition.FromRegion(region);
        if (service == ServiceDescription.Iam)
        {
            return partition switch
            {
                AwsPartition.China => "https://iam.cn-north-1.amazonaws.com.cn",
                AwsPartition.GovCloud => "https://iam.us-gov.amazonaws.com",
                _ => "https://iam.amazonaws.com",
            };
        }

        return $"https://{service.SigningName}.{region}.{AwsPartition.DnsSuffix(partition)}";
    }

    /// <summary>The regional STS endpoint, e.g. <c>https://sts.cn-north-1.amazonaws.com.cn</c>.</summary>
    public static string StsUrl(string region) =>
        $"https://sts.{region}.{AwsPartition.DnsSuffix(AwsPartition.FromRegion(region))}";
}
