using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using IrsaPS.Core.Aws.Ec2.Internal;
using IrsaPS.Core.Aws.Ec2.Model;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws.Ec2;

/// <summary>
/// EC2 over its dialect of the Query protocol (API 2016-11-15, SigV4 service <c>ec2</c>) on AWSSDK.Core: only what the
/// audit needs to judge nodes' instance metadata options. Get one from <see cref="AwsConnection.Ec2"/>. Inputs are checked
/// before anything is sent (<see cref="Errors.IrsaValidationException"/>); service failures surface as
/// <see cref="AwsServiceException"/> after the SDK's retries (<c>UnauthorizedOperation</c> → PermissionDenied). Thread-safe.
/// </summary>
internal sealed class Ec2Client
{
    private const string Service = "EC2";
    private const string InstanceIdFilter = "instance-id";
    private readonly Lazy<ServiceClient> _service;
    private readonly AwsCallRunner _runner;

    internal Ec2Client(Lazy<ServiceClient> service, IAwsCallObserver observer, TimeSpan? callTimeout = null)
    {
        _service = service;
        _runner = new AwsCallRunner(Service, observer, callTimeout);
    }

    /// <summary>One page of instances (by id or filter).</summary>
    public Task<DescribeInstancesResponse> DescribeInstancesAsync(DescribeInstancesRequest request, CancellationToken cancellationToken = default)
    {
        Ec2Inputs.NotNull(request);
        var ids = Ec2Inputs.InstanceIds(request.InstanceIds);
        Ec2Inputs.Check(request);
        var call = new QueryRequest(ServiceDescription.Ec2, "DescribeInstances");
        call.Writer
            .AddFlatList("InstanceId", ids)
            .Add("MaxResults", request.MaxResults)
            .Add("NextToken", string.IsNullOrEmpty(request.NextToken) ? null : request.NextToken);
        for (var i = 0; i < request.Filters.Count; i++)
        {
            var prefix = "Filter." + (i + 1).ToString(CultureInfo.InvariantCulture);
            call.Writer.Add(prefix + ".Name", request.Filters[i].Name).AddFlatList(prefix + ".Value", request.Filters[i].Values);
        }

        var target = ids.Count == 1 ? ids[0] : null;
        return RunAsync(call, target, Ec2XmlReader.DescribeInstances, cancellationToken);
    }

    /// <summary>
    /// The instances among <paramref name="instanceIds"/> that exist (ids that do not are skipped, not errors), in
    /// ceil(distinct ids / 200) DescribeInstances calls: each asks with the <c>instance-id</c> filter (EC2 allows 200
    /// values per call) and a page of up to <paramref name="pageSize"/> (default 1,000), following NextToken if EC2 gives one.
    /// </summary>
    public async Task<List<Instance>> FindInstancesAsync(IEnumerable<string> instanceIds, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        if (instanceIds is null)
        {
            throw new ArgumentNullException(nameof(instanceIds));
        }

        var ids = Ec2Inputs.InstanceIds(instanceIds).Distinct(StringComparer.Ordinal).ToList();
        var page = pageSize ?? Ec2Inputs.MaxMaxResults;
        Ec2Inputs.Check(new DescribeInstancesRequest { MaxResults = page });
        var found = new Dictionary<string, Instance>(StringComparer.Ordinal);
        for (var start = 0; start < ids.Count; start += Ec2Inputs.MaxFilterValues)
        {
            var batch = ids.GetRange(start, Math.Min(Ec2Inputs.MaxFilterValues, ids.Count - start));
            await AwsPaging.ForEachPageAsync(
                token => DescribeInstancesAsync(
                    new DescribeInstancesRequest { Filters = [new Filter(InstanceIdFilter, batch)], MaxResults = page, NextToken = token },
                    cancellationToken),
                response =>
                {
                    foreach (var instance in response.Reservations.SelectMany(r => r.Instances))
                    {
                        found[instance.InstanceId] = instance;
                    }
                },
                Service,
                "DescribeInstances").ConfigureAwait(false);
        }

        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>Sends one call through the SDK pipeline and reads the answer's root with <paramref name="read"/>.</summary>
    private Task<T> RunAsync<T>(QueryRequest call, string? target, Func<XElement?, T> read, CancellationToken cancellationToken)
        where T : Ec2Response =>
        _runner.RunAsync(
            call.Operation,
            target,
            async token =>
            {
                var response = await _service.Value.Ec2QueryAsync(call, token).ConfigureAwait(false);
                var result = read(response.Result);
                result.RequestId = response.ResponseMetadata?.RequestId;
                return result;
            },
            cancellationToken);
}
