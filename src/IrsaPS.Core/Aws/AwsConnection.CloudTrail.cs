using System;
using System.Collections.Concurrent;
using System.Threading;
using IrsaPS.Core.Aws.CloudTrail;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws;

/// <summary>
/// CloudTrail clients, one per region: CloudTrail records an event in the region of the endpoint that was called, so
/// reading several regions means one client (and one rate limit: 2 LookupEvents per second per account and region) each.
/// </summary>
internal sealed partial class AwsConnection
{
    private readonly ConcurrentDictionary<string, Lazy<(ServiceClient Service, CloudTrailClient Client)>> _cloudTrail = new(StringComparer.Ordinal);
    private readonly double _cloudTrailRate;

    /// <summary>CloudTrail in <see cref="Region"/>. Created on first use.</summary>
    public CloudTrailClient CloudTrail => CloudTrailIn(Region);

    /// <summary>CloudTrail in <paramref name="region"/> (same credentials, endpoint and observer). Created on first use.</summary>
    public CloudTrailClient CloudTrailIn(string region)
    {
        var name = AwsRegionResolver.Validate((region ?? throw new ArgumentNullException(nameof(region))).Trim());
        return _cloudTrail.GetOrAdd(name, r => new Lazy<(ServiceClient, CloudTrailClient)>(() => CreateCloudTrail(r), LazyThreadSafetyMode.ExecutionAndPublication)).Value.Client;
    }

    private (ServiceClient Service, CloudTrailClient Client) CreateCloudTrail(string region)
    {
        var config = Configure(new AwsServiceConfig(ServiceDescription.CloudTrail, region, Observer));
        config.MaxErrorRetry = 0;
        var service = new ServiceClient(Credentials, config);
        var client = new CloudTrailClient(
            new Lazy<ServiceClient>(() => service),
            region,
            Observer,
            new RequestRateLimiter(_cloudTrailRate),
            Budget.MaxAttempts - 1); // the SDK's retries are off here (they would bypass the pacing): the client retries itself, as often as any call may
        return (service, client);
    }

    private void DisposeCloudTrail()
    {
        foreach (var entry in _cloudTrail.Values)
        {
            if (entry.IsValueCreated)
            {
                entry.Value.Service.Dispose();
            }
        }

        _cloudTrail.Clear();
    }
}
