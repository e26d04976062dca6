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

    Task<CreatePodIdentityAssociationResponse> CreatePodIdentityAssociationAsync(CreatePodIdentityAssociationRequest request, CancellationToken cancellationToken = default);

    Task<DescribePodIdentityAssociationResponse> DescribePodIdentityAssociationAsync(DescribePodIdentityAssociationRequest request, CancellationToken cancellationToken = default);

    Task<UpdatePodIdentityAssociationResponse> UpdatePodIdentityAssociationAsync(UpdatePodIdentityAssociationRequest request, CancellationToken cancellationToken = default);

    Task<DeletePodIdentityAssociationResponse> DeletePodIdentityAssociationAsync(DeletePodIdentityAssociationRequest request, CancellationToken cancellationToken = default);

    Task<ListPodIdentityAssociationsResponse> ListPodIdentityAssociationsAsync(ListPodIdentityAssociationsRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every association summary of a cluster (optionally one namespace / service account), following every page:
    /// ceil(n / page size) ListPodIdentityAssociations calls (page size 100 by default, EKS's maximum).
    /// </summary>
    Task<List<PodIdentityAssociationSummary>> ListAllPodIdentityAssociationsAsync(
        string clusterName, string? @namespace = null, string? serviceAccount = null, int? pageSize = null, CancellationToken cancellationToken = default);
}
