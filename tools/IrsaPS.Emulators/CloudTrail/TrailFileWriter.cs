using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace IrsaPS.Emulators.CloudTrail;

/// <summary>
/// Writes events as a trail delivers them to S3: gzip files of <c>{"Records": [...]}</c>, oldest first, in
/// <c>AWSLogs/&lt;account&gt;/CloudTrail/&lt;region&gt;/&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/&lt;account&gt;_CloudTrail_&lt;region&gt;_&lt;yyyymmddThhmmZ&gt;_&lt;id&gt;.json.gz</c>,
/// one file per region, hour and a given number of events (CloudTrail delivers about every five minutes;
/// the file size does not matter to readers).
/// </summary>
public static class TrailFileWriter
{
    /// <summary>Writes the tree under <paramref name="root"/>; returns the files written.</summary>
    public static IReadOnlyList<string> WriteTree(string root, string accountId, IEnumerable<TrailEvent> events, int eventsPerFile = 500)
    {
        ArgumentNullException.ThrowIfNull(events);
        var files = new List<string>();
        var groups = events
            .GroupBy(e => (e.Region, Hour: new DateTime(e.Time.Year, e.Time.Month, e.Time.Day, e.Time.Hour, 0, 0, DateTimeKind.Utc)))
            .OrderBy(g => g.Key.Region, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Hour);
        foreach (var group in groups)
        {
            var (region, hour) = group.Key;
            var folder = Path.Combine(root, "AWSLogs", accountId, "CloudTrail", region, hour.ToString("yyyy", CultureInfo.InvariantCulture), hour.ToString("MM", CultureInfo.InvariantCulture), hour.ToString("dd", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var ordered = group.OrderBy(e => e.Time).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
            for (var part = 0; part * eventsPerFile < ordered.Count; part++)
            {
                var name = string.Format(CultureInfo.InvariantCulture, "{0}_CloudTrail_{1}_{2:yyyyMMdd'T'HHmm'Z'}_{3:x4}{4:x8}.json.gz", accountId, region, hour, part, ordered[part * eventsPerFile].EventId.GetHashCode(StringComparison.Ordinal));
                var path = Path.Combine(folder, name);
                Write(path, ordered.Skip(part * eventsPerFile).Take(eventsPerFile));
                files.Add(path);
            }
        }

        return files;
    }

    /// <summary>One gzip log file holding <paramref name="events"/>.</summary>
    public static void Write(string path, IEnumerable<TrailEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write("{\"Records\":["u8);
        var first = true;
        foreach (var e in events)
        {
            if (!first)
            {
                gzip.WriteByte((byte)',');
            }

            gzip.Write(e.Record);
            first = false;
        }

        gzip.Write("]}"u8);
    }
}
