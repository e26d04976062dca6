using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Eks.Internal;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Eks;

/// <summary>
/// EKS over REST-JSON on AWSSDK.Core, named and shaped like AWSSDK.EKS's client. Get one from <see cref="AwsConnection.Eks"/>.
/// Thread-safe.
/// </summary>
internal sealed partial class EksClient
{
    private const string Service = "EKS";
    private const int MaxPageSize = 100;
    private readonly Lazy<ServiceClient> _service;
    private readonly AwsCallRunner _runner;

    internal EksClient(Lazy<ServiceClient> service, IAwsCallObserver observer, TimeSpan? callTimeout = null)
    {
        _service = service;
        _runner = new AwsCallRunner(Service, observer, callTimeout);
    }

    public Task<DescribeClusterResponse> DescribeClusterAsync(DescribeClusterRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var call = new RestJsonRequest(ServiceDescription.Eks, "DescribeCluster", "GET", "/clusters/{name}");
        call.PathValues["{name}"] = EksNames.ValidateClusterName(request.Name);
        return RunAsync(call, request.Name, EksJsonReader.DescribeCluster, cancellationToken);
    }

    public Task<ListClustersResponse> ListClustersAsync(ListClustersRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var call = new RestJsonRequest(ServiceDescription.Eks, "ListClusters", "GET", "/clusters");
        if (PageSize(request.MaxResults) is { } max)
        {
            call.Query["maxResults"] = max.ToString(CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrEmpty(request.NextToken))
        {
            call.Query["nextToken"] = request.NextToken!;
        }

        return RunAsync(call, null, EksJsonReader.ListClusters, cancellationToken);
    }

    /// <summary>Every cluster name in the region, following every page: ceil(n / page size) ListClusters calls.</summary>
    public Task<List<string>> ListAllClustersAsync(int? pageSize = null, CancellationToken cancellationToken = default)
    {
        PageSize(pageSize);
        return AwsPaging.ReadAllAsync(
            token => ListClustersAsync(new ListClustersRequest { MaxResults = pageSize, NextToken = token }, cancellationToken),
            page => page.Clusters,
            Service,
            "ListClusters");
    }

    private static int? PageSize(int? maxResults)
    {
        if (maxResults is < 1 or > MaxPageSize)
        {
            throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, $"MaxResults {maxResults} is outside EKS's range of 1-{MaxPageSize}.");
        }

        return maxResults;
    }

    private Task<T> RunAsync<T>(RestJsonRequest call, string? target, Func<byte[], T> read, CancellationToken cancellationToken)
        where T : EksResponse =>
        _runner.RunAsync(
            call.Operation,
            target,
            async token =>
            {
                var response = await _service.Value.RestJsonAsync(call, token).ConfigureAwait(false);
                var result = read(response.Body);
                result.RequestId = response.ResponseMetadata?.RequestId;
                return result;
            },
            cancellationToken);
}
