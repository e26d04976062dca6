using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.CloudTrail.Model;

namespace IrsaPS.Core.Aws.CloudTrail;

/// <summary>The CloudTrail operation IrsaPS needs, named and shaped like AWSSDK.CloudTrail's client. Thread-safe.</summary>
public interface ICloudTrailClient
{
    /// <summary>
    /// One page of LookupEvents in the client's region, paced to the documented rate (2 requests per second per account
    /// and region) and retried with backoff on ThrottlingException and server errors.
    /// </summary>
    Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default);
}
