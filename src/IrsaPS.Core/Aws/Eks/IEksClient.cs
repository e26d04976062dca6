using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Eks.Model;

namespace IrsaPS.Core.Aws.Eks;

/// <summary>The EKS operations IrsaPS needs, named and shaped like AWSSDK.EKS's client. Thread-safe.</summary>
public interface IEksClient
{
    Task<DescribeClusterResponse> DescribeClusterAsync(DescribeClusterRequest request, CancellationToken cancellationToken = default);

    Task<ListClustersResponse> ListClustersAsync(ListClustersRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every cluster name in the region, following every page: ceil(n / page size) ListClusters calls.</summary>
    Task<List<string>> ListAllClustersAsync(int? pageSize = null, CancellationToken cancellationToken = default);
}
