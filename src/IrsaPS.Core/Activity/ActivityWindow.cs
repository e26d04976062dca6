using System;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Activity;

/// <summary>
/// The time range activity is read for, both ends inclusive (as LookupEvents' StartTime and EndTime are). LookupEvents
/// reaches back 90 days; trail files on disk reach as far back as they were kept.
/// </summary>
internal sealed record ActivityWindow(DateTime Start, DateTime End)
{
    public const int DefaultDays = 7;

    /// <summary>How far back LookupEvents reaches (CloudTrail API reference: "events that occurred in a Region within the last 90 days").</summary>
    public const int LookupEventsDays = 90;

    /// <summary>
    /// The window from <c>-Days</c> or <c>-StartTime</c>, and <c>-EndTime</c> (now when omitted; a later end is cut to now).
    /// Without either, the last <see cref="DefaultDays"/> days. Fails with <c>InvalidActivityWindow</c> before any call when
    /// both are given, when the range is empty, or when LookupEvents would have to reach back further than 90 days.
    /// </summary>
    public static ActivityWindow Resolve(int? days, DateTime? start, DateTime? end, bool lookupEvents, DateTime now)
    {
        now = now.ToUniversalTime();
        if (days is not null && start is not null)
        {
            throw Invalid("Give -Days or -StartTime, not both.");
        }

        if (days is < 1)
        {
            throw Invalid($"-Days {days} is not valid: give 1 or more.");
        }

        if (lookupEvents && days > LookupEventsDays)
        {
            throw Invalid($"-Days {days} is more than CloudTrail's LookupEvents keeps ({LookupEventsDays} days). Read the trail's log files with -Path for a longer window.");
        }

        var to = end?.ToUniversalTime() ?? now;
        if (to > now)
        {
            to = now;
        }

        var from = start?.ToUniversalTime() ?? to.AddDays(-(days ?? DefaultDays));
        if (from >= to)
        {
            throw Invalid($"The window is empty: its start ({from:u}) is not before its end ({to:u}).");
        }

        if (lookupEvents && from < now.AddDays(-LookupEventsDays))
        {
            throw Invalid($"-StartTime {from:u} is more than {LookupEventsDays} days ago, beyond what CloudTrail's LookupEvents keeps. Read the trail's log files with -Path for older events.");
        }

        return new ActivityWindow(from, to);
    }

    public bool Contains(DateTime time) => time >= Start && time <= End;

    private static IrsaValidationException Invalid(string message) => new(ErrorIds.InvalidActivityWindow, message);
}
