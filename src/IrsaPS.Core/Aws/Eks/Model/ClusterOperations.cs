using System.Collections.Generic;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws.Eks.Model;

/// <summary>What every EKS answer has: the request id.</summary>
internal abstract class EksResponse
{
    public string? RequestId { get; set; }
}

internal sealed class DescribeClusterRequest
{
    public string Name { get; set; } = string.Empty;
}

internal sealed class DescribeClusterResponse : EksResponse
{
    public Cluster Cluster { get; set; } = new();
}

internal sealed class ListClustersRequest
{
    /// <summary>1-100 names per page; EKS's default is 100.</summary>
    public int? MaxResults { get; set; }

    /// <summary>The <c>nextToken</c> of the previous page; null for the first page.</summary>
    public string? NextToken { get; set; }
}

internal sealed class ListClustersResponse : EksResponse, IAwsPage
{
    public List<string> Clusters { get; set; } = [];

    /// <summary>Null when this was the last page.</summary>
    public string? NextToken { get; set; }

    string? IAwsPage.NextPageToken => string.IsNullOrEmpty(NextToken) ? null : NextToken;
}
