using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.CloudTrail.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Activity;

/// <summary>Which LookupEvents attribute to filter on.</summary>
internal enum ActivityLookupStrategy
{
    /// <summary>ResourceName for a single role, EventName for more (see <see cref="LookupEventsActivityReader"/>).</summary>
    Auto,

    /// <summary><c>EventName=AssumeRoleWithWebIdentity</c> once per region; roles are picked client-side.</summary>
    EventName,

    /// <summary><c>ResourceName=&lt;role ARN&gt;</c> once per role and region.</summary>
    ResourceName,
}

/// <summary>
/// Reads AssumeRoleWithWebIdentity events through CloudTrail's LookupEvents, region by region (an event is recorded in
/// the region of the STS endpoint that was called), 50 per page, paced by each region's client (2 requests per second).
/// LookupEvents takes one attribute per call, so reading n roles costs either
/// <c>ceil(W / 50)</c> calls per region with <c>EventName=AssumeRoleWithWebIdentity</c> (W: every web-identity event of the
/// account in the window, roles filtered here), or <c>Σ max(1, ceil(E_r / 50))</c> with <c>ResourceName=&lt;role ARN&gt;</c>
/// per role (E_r: every event naming the role, AssumeRole and IAM changes included): at least one call per role even
/// when it has no events, and a rounding-up per role. For more than one role the single EventName scan is never worse
/// by more than the events of roles not asked about, and is usually far fewer calls (100,000 events over 2,000 roles:
/// 2,000 pages against at least 2,000 and about 3,000 with an uneven spread); for one role among many, ResourceName reads
/// only that role's events. Progress estimates the rest from how far back in the window the pages have reached.
/// Cancellation stops between pages; what was read stays in the aggregator.
/// </summary>
internal static class LookupEventsActivityReader
{
    private const string Activity = "Reading CloudTrail (LookupEvents)";

    public static async Task<ActivityReadResult> ReadAsync(
        AwsConnection aws,
        IReadOnlyList<string> regions,
        ActivityAggregator aggregator,
        IReadOnlyList<string> roleArns,
        ActivityLookupStrategy strategy,
        IOperationHost host,
        CancellationToken cancellationToken)
    {
        if (aws is null || regions is null || aggregator is null || roleArns is null || host is null)
        {
            throw new ArgumentNullException(aws is null ? nameof(aws) : regions is null ? nameof(regions) : aggregator is null ? nameof(aggregator) : roleArns is null ? nameof(roleArns) : nameof(host));
        }

        var byResource = strategy == ActivityLookupStrategy.ResourceName || (strategy == ActivityLookupStrategy.Auto && roleArns.Count == 1);
        var lookups = byResource
            ? roleArns.Select(arn => new LookupAttribute(LookupAttributeKey.ResourceName, arn)).ToList()
            : [new LookupAttribute(LookupAttributeKey.EventName, CloudTrailRecordParser.EventName)];
        var pages = regions.ToDictionary(r => r, _ => 0, StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        long records = 0;
        var window = aggregator.Window;
        var total = regions.Count * lookups.Count;
        var done = 0;
        try
        {
            foreach (var region in regions)
            {
                var client = aws.CloudTrailIn(region);
                foreach (var lookup in lookups)
                {
                    await AwsPaging.ForEachPageAsync(
                        token => client.LookupEventsAsync(
                            new LookupEventsRequest
                            {
                                LookupAttributes = [lookup],
                                StartTime = window.Start,
                                EndTime = window.End,
                                MaxResults = Aws.CloudTrail.CloudTrailClient.MaxPageSize,
                                NextToken = token,
                            },
                            cancellationToken),
                        page =>
                        {
                            pages[region]++;
                            DateTime? oldest = null;
                            foreach (var e in page.Events)
                            {
                                records++;
                                if (e.CloudTrailEvent is { } record && CloudTrailRecordParser.Parse(record, region) is { } parsed)
                                {
                                    aggregator.Add(parsed);
                                }

                                if (e.EventTime is { } time && (oldest is null || time < oldest))
                                {
                                    oldest = time;
                                }
                            }

                            var within = string.IsNullOrEmpty(page.NextToken) || oldest is null ? 1.0 : Math.Max(0, Math.Min(1, (window.End - oldest.Value).TotalSeconds / (window.End - window.Start).TotalSeconds));
                            Report(host, region, lookup, pages.Values.Sum(), aggregator, (done + within) / total, clock.Elapsed, client.RequestsPerSecond);
                        },
                        "CloudTrail",
                        "LookupEvents",
                        region).ConfigureAwait(false);

                    done++;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Result(pages, byResource, records, clock, "stopped (Ctrl+C) after " + pages.Values.Sum().ToString(CultureInfo.InvariantCulture) + " LookupEvents page(s)");
        }
        finally
        {
            host.WriteProgress(OperationProgress.Complete(ProgressActivities.RoleActivity, Activity));
        }

        return Result(pages, byResource, records, clock, null);
    }

    private static ActivityReadResult Result(Dictionary<string, int> pages, bool byResource, long records, Stopwatch clock, string? stopped) => new()
    {
        Source = "LookupEvents",
        PagesByRegion = pages,
        LookupAttribute = byResource ? "ResourceName" : "EventName=" + CloudTrailRecordParser.EventName,
        RecordsRead = records,
        Complete = stopped is null,
        StopReason = stopped,
        Elapsed = clock.Elapsed,
    };

    private static void Report(IOperationHost host, string region, LookupAttribute lookup, int pages, ActivityAggregator aggregator, double fraction, TimeSpan elapsed, double rate)
    {
        var percent = (int)Math.Round(fraction * 100);
        var left = fraction > 0.02 ? TimeSpan.FromTicks((long)(elapsed.Ticks * ((1 - fraction) / fraction))) : (TimeSpan?)null;
        var what = lookup.AttributeKey == LookupAttributeKey.ResourceName ? lookup.AttributeValue.Substring(lookup.AttributeValue.LastIndexOf('/') + 1) : "all roles";
        var status = string.Format(
            CultureInfo.InvariantCulture,
            "{0}, {1}: {2:N0} page(s), {3:N0} of {4:N0} event(s) kept, {5} req/s{6}",
            region,
            what,
            pages,
            aggregator.EventsMatched,
            aggregator.EventsRead,
            rate > 0 ? rate.ToString("0.#", CultureInfo.InvariantCulture) : "unpaced",
            left is null ? string.Empty : ", about " + Duration(left.Value) + " left");
        host.WriteProgress(new OperationProgress(ProgressActivities.RoleActivity, Activity, status, Math.Min(99, percent)));
    }

    internal static string Duration(TimeSpan span) => span.TotalMinutes >= 1
        ? string.Format(CultureInfo.InvariantCulture, "{0:0} min {1:00} s", Math.Floor(span.TotalMinutes), span.Seconds)
        : string.Format(CultureInfo.InvariantCulture, "{0:0} s", Math.Ceiling(span.TotalSeconds));
}
