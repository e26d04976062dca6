using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using IrsaPS.Core.Aws.CloudTrail.Internal;
using IrsaPS.Core.Aws.CloudTrail.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Aws.CloudTrail;

/// <summary>
/// CloudTrail LookupEvents over JSON 1.1 on AWSSDK.Core (AWSSDK.CloudTrail is not available here; the shapes follow
/// botocore's cloudtrail 2013-11-01 model: <c>X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents</c>).
/// CloudTrail allows two LookupEvents requests per second per account and region and answers more with
/// ThrottlingException, so every HTTP attempt of this client, retries included, waits for its slot of a
/// <see cref="RequestRateLimiter"/> (the SDK's own retries are off for this client: they would bypass the pacing);
/// throttling and server errors are retried here with exponential backoff that also pushes back every later request.
/// Get one per region from <see cref="AwsConnection.CloudTrailIn"/>.
/// </summary>
internal sealed class CloudTrailClient
{
    /// <summary>LookupEvents requests per second per account and region (CloudTrail API reference, LookupEvents).</summary>
    public const double DocumentedRequestsPerSecond = 2.0;

    /// <summary>The most events one page holds (botocore: MaxResults 1-50).</summary>
    public const int MaxPageSize = 50;

    internal const string TargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
    private const string Service = "CloudTrail";
    private const int MaxAttributeValueLength = 2000;
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
    };

    private readonly Lazy<ServiceClient> _service;
    private readonly AwsCallRunner _runner;
    private readonly int _retries;
    private long _throttled;

    internal CloudTrailClient(Lazy<ServiceClient> service, string region, IAwsCallObserver observer, RequestRateLimiter limiter, int retries)
    {
        _service = service;
        Region = region;
        _runner = new AwsCallRunner(Service, observer);
        RateLimiter = limiter;
        _retries = retries;
    }

    /// <summary>The region whose events this client reads (events are recorded in the region of the endpoint called).</summary>
    public string Region { get; }

    /// <summary>The pace of this client's requests.</summary>
    public double RequestsPerSecond => RateLimiter.RequestsPerSecond;

    /// <summary>ThrottlingException answers received so far (each was retried after a backoff).</summary>
    public long ThrottledAnswers => Interlocked.Read(ref _throttled);

    /// <summary>The first backoff after a throttling answer; doubled per retry, at most <see cref="MaxBackoff"/>.</summary>
    internal TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    internal TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(20);

    internal RequestRateLimiter RateLimiter { get; }

    /// <summary>
    /// One page of LookupEvents in the client's region, paced to the documented rate (2 requests per second per account
    /// and region) and retried with backoff on ThrottlingException and server errors.
    /// </summary>
    public Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var body = CloudTrailJson.LookupEventsBody(request);
        var target = request.LookupAttributes.Count == 1 ? request.LookupAttributes[0].AttributeKey + "=" + request.LookupAttributes[0].AttributeValue : null;
        return _runner.RunAsync(
            "LookupEvents",
            target,
            async token =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    await RateLimiter.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        var call = new JsonRpcRequest(ServiceDescription.CloudTrail, TargetPrefix, "1.1", "LookupEvents", body);
                        var response = await _service.Value.JsonRpcAsync(call, token).ConfigureAwait(false);
                        var page = CloudTrailJson.LookupEvents(response.Body);
                        page.RequestId = response.ResponseMetadata?.RequestId;
                        return page;
                    }
                    catch (Exception ex) when (attempt <= _retries && IsRetryable(ex, token))
                    {
                        if (ex is AmazonServiceException { ErrorCode: { } code } && ThrottlingCodes.Contains(code))
                        {
                            Interlocked.Increment(ref _throttled);
                        }

                        RateLimiter.PushBack(Backoff(attempt));
                    }
                }
            },
            cancellationToken);
    }

    internal TimeSpan Backoff(int attempt)
    {
        var exponential = BaseBackoff.Ticks * Math.Pow(2, Math.Min(attempt - 1, 16));
        var capped = Math.Min(exponential, MaxBackoff.Ticks);
#if NETSTANDARD2_0
        var jitter = 0.5 + (new Random().NextDouble() * 0.5);
#else
        var jitter = 0.5 + (Random.Shared.NextDouble() * 0.5);
#endif
        return TimeSpan.FromTicks((long)(capped * jitter));
    }

    private static bool IsRetryable(Exception ex, CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return false;
        }

        return ex switch
        {
            AmazonServiceException service when service.ErrorCode is { } code && ThrottlingCodes.Contains(code) => true,
            AmazonServiceException service => (int)service.StatusCode >= 500,
            HttpRequestException or IOException => true,
            _ => false,
        };
    }

    private static void Validate(LookupEventsRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (request.LookupAttributes.Count > 1)
        {
            throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, $"LookupEvents takes one lookup attribute, not {request.LookupAttributes.Count}.");
        }

        foreach (var attribute in request.LookupAttributes)
        {
            if (!((IList<string>)LookupAttributeKey.All).Contains(attribute.AttributeKey))
            {
                throw new IrsaValidationException(
                    ErrorIds.AwsInvalidParameter,
                    $"'{attribute.AttributeKey}' is not a LookupEvents attribute key: use {string.Join(", ", LookupAttributeKey.All)}.",
                    attribute.AttributeKey);
            }

            if (string.IsNullOrEmpty(attribute.AttributeValue) || attribute.AttributeValue.Length > MaxAttributeValueLength)
            {
                throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, $"A lookup attribute value must have 1-{MaxAttributeValueLength} characters.", attribute.AttributeKey);
            }
        }

        if (request.MaxResults is < 1 or > MaxPageSize)
        {
            throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, $"MaxResults {request.MaxResults} is outside LookupEvents' range of 1-{MaxPageSize}.");
        }

        if (request.StartTime is { } start && request.EndTime is { } end && start.ToUniversalTime() > end.ToUniversalTime())
        {
            throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, "LookupEvents' StartTime is after its EndTime.");
        }

        if (request.EventCategory is not null && !string.Equals(request.EventCategory, "insight", StringComparison.Ordinal))
        {
            throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, $"'{request.EventCategory}' is not a LookupEvents event category: the only one is 'insight'.", request.EventCategory);
        }
    }
}
