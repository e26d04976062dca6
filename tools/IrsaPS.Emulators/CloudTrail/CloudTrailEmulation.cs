using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Emulators.Aws;

namespace IrsaPS.Emulators.CloudTrail;

/// <summary>
/// CloudTrail's event history in front of moto (which has no LookupEvents): it records every
/// <c>AssumeRoleWithWebIdentity</c> that passes through the emulator layer as a CloudTrail event of the real shape
/// (<see cref="WebIdentityRecord"/>; moto refuses nothing, so refused attempts come from seeding), keeps seeded and
/// generated events (<see cref="TrailEventGenerator"/>), and answers <c>LookupEvents</c> (JSON 1.1,
/// <c>X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents</c>) with the model's request
/// and response shapes, errors, paging (50 per page at most) and the 90-day history, throttling with
/// <c>ThrottlingException</c> beyond <see cref="RequestsPerSecond"/> per region (the documented 2 by default; tests may
/// tighten or relax it). Events are kept per region: the signing region of the call (unsigned STS calls, as pods make
/// them, count in <see cref="DefaultRegion"/>). Administration endpoints under <c>/_irsaps/cloudtrail/</c> seed, generate,
/// export and configure (see <c>CloudTrailEmulation.Admin.cs</c>).
/// </summary>
public sealed partial class CloudTrailEmulation : IAwsEmulatedService
{
    /// <summary>How far back LookupEvents reaches.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(90);

    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private readonly List<LookupArrival> _arrivals = [];
    private double _requestsPerSecond;
    private int _lookups;
    private int _throttled;

    public CloudTrailEmulation(string defaultRegion, double requestsPerSecond = 2.0)
    {
        DefaultRegion = defaultRegion ?? throw new ArgumentNullException(nameof(defaultRegion));
        _requestsPerSecond = requestsPerSecond;
    }

    /// <summary>Where events of unsigned calls are recorded, and lookups without a signature are answered from.</summary>
    public string DefaultRegion { get; }

    public TrailEventStore Events { get; } = new();

    /// <summary>LookupEvents requests admitted per second per region; 0 or less: no limit. Setting it refills every bucket.</summary>
    public double RequestsPerSecond
    {
        get => Volatile.Read(ref _requestsPerSecond);
        set
        {
            Volatile.Write(ref _requestsPerSecond, value);
            _buckets.Clear();
        }
    }

    /// <summary>LookupEvents requests received (throttled ones included).</summary>
    public int LookupRequests => Volatile.Read(ref _lookups);

    /// <summary>LookupEvents requests answered with ThrottlingException.</summary>
    public int ThrottledRequests => Volatile.Read(ref _throttled);

    /// <summary>When each LookupEvents request arrived (since the emulator started), its region, and whether it was throttled.</summary>
    public IReadOnlyList<LookupArrival> Arrivals
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.ToArray();
            }
        }
    }

    public void ResetCounters()
    {
        lock (_gate)
        {
            _arrivals.Clear();
            Interlocked.Exchange(ref _lookups, 0);
            Interlocked.Exchange(ref _throttled, 0);
        }
    }

    public Task<AwsEmulatedResponse?> TryHandleAsync(AwsEmulatedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.Equals(request.Target, LookupEventsTarget, StringComparison.Ordinal))
        {
            return Task.FromResult<AwsEmulatedResponse?>(LookupEvents(request));
        }

        if (request.Path.StartsWith(AdminPath, StringComparison.Ordinal))
        {
            return Task.FromResult(Admin(request));
        }

        return Task.FromResult<AwsEmulatedResponse?>(null);
    }

    /// <summary>Records each AssumeRoleWithWebIdentity moto answered (success or error) as a CloudTrail event.</summary>
    public void Observe(AwsEmulatedRequest request, int statusCode, byte[] responseBody)
    {
        if (ObservedWebIdentityCall.TryRead(request, statusCode, responseBody) is not { } call)
        {
            return;
        }

        var now = DateTime.UtcNow;
        var record = new WebIdentityRecord
        {
            EventTime = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc),
            Region = request.Region ?? DefaultRegion,
            RoleArn = call.RoleArn,
            RoleSessionName = call.RoleSessionName,
            Issuer = call.Issuer,
            Subject = call.Subject,
            Audience = call.Audience,
            SourceAddress = request.SourceAddress ?? "127.0.0.1",
            UserAgent = request.UserAgent ?? string.Empty,
            AccessKeyId = call.AccessKeyId,
            AssumedRoleId = call.AssumedRoleId,
            DurationSeconds = call.DurationSeconds,
            ErrorCode = call.ErrorCode,
            ErrorMessage = call.ErrorMessage,
        };
        Events.Add(record.ToEvent());
    }

    private bool Admit(string region)
    {
        var rate = RequestsPerSecond;
        var bucket = _buckets.GetOrAdd(region, _ => new TokenBucket(rate));
        var admitted = bucket.TryTake();
        lock (_gate)
        {
            Interlocked.Increment(ref _lookups);
            if (!admitted)
            {
                Interlocked.Increment(ref _throttled);
            }

            _arrivals.Add(new LookupArrival(_clock.Elapsed, region, !admitted));
        }

        return admitted;
    }
}

/// <summary>One LookupEvents request as the emulator received it.</summary>
public sealed record LookupArrival(TimeSpan At, string Region, bool Throttled);
