using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Ec2.Model;

namespace IrsaPS.Core.Aws.Ec2;

/// <summary>
/// The EC2 operations IrsaPS needs (reading nodes' instance metadata options), named and shaped like AWSSDK.EC2's
/// client. Inputs are checked before anything is sent (<see cref="Errors.IrsaValidationException"/>); service failures
/// surface as <see cref="AwsServiceException"/> after the SDK's retries (<c>UnauthorizedOperation</c> → PermissionDenied).
/// Thread-safe.
/// </summary>
public interface IEc2Client
{
    /// <summary>One page of instances (by id or filter).</summary>
    Task<DescribeInstancesResponse> DescribeInstancesAsync(DescribeInstancesRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The instances among <paramref name="instanceIds"/> that exist (ids that do not are skipped, not errors), in
    /// ceil(distinct ids / 200) DescribeInstances calls: each asks with the <c>instance-id</c> filter (EC2 allows 200
    /// values per call) and a page of up to <paramref name="pageSize"/> (default 1,000), following NextToken if EC2 gives one.
    /// </summary>
    Task<List<Instance>> FindInstancesAsync(IEnumerable<string> instanceIds, int? pageSize = null, CancellationToken cancellationToken = default);
}
