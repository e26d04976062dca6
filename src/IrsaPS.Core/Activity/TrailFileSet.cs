using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Activity;

/// <summary>One log file to read and its size on disk (what progress counts).</summary>
internal sealed record TrailFile(string Path, long Length);

/// <summary>
/// The CloudTrail log files under some paths, in the folder tree S3 delivers them to
/// (<c>AWSLogs/[&lt;org-id&gt;/]&lt;account&gt;/CloudTrail/&lt;region&gt;/&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/&lt;account&gt;_CloudTrail_&lt;region&gt;_&lt;yyyymmddThhmmZ&gt;_&lt;id&gt;.json.gz</c>)
/// or loose (<c>*.json</c>, <c>*.json.gz</c>). Inside the tree, region folders outside the asked regions and day folders
/// more than a day outside the window are never opened (a file's folder is its delivery day; its events are up to a few
/// minutes older). Digest and Insights folders are skipped: they hold no management events.
/// </summary>
internal static class TrailFileSet
{
    private static readonly TimeSpan Slack = TimeSpan.FromDays(1);

    /// <summary>The files to read, in path order. A path that does not exist fails with <c>TrailPathNotFound</c>.</summary>
    public static IReadOnlyList<TrailFile> Find(IEnumerable<string> paths, IReadOnlyCollection<string>? regions, DateTime start, DateTime end)
    {
        var files = new List<TrailFile>();
        foreach (var path in paths ?? throw new ArgumentNullException(nameof(paths)))
        {
            if (File.Exists(path))
            {
                files.Add(new TrailFile(Path.GetFullPath(path), new FileInfo(path).Length));
            }
            else if (Directory.Exists(path))
            {
                Walk(new DirectoryInfo(path), -1, null, regions, start - Slack, end + Slack, files);
            }
            else
            {
                throw new IrsaValidationException(ErrorIds.TrailPathNotFound, $"'{path}' is neither a CloudTrail log file nor a folder of them.", path);
            }
        }

        return files.GroupBy(f => f.Path, StringComparer.Ordinal).Select(g => g.First()).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>True for a name CloudTrail gives its log files (<c>.json.gz</c>) or a plain <c>.json</c>.</summary>
    public static bool IsLogFileName(string name) =>
        name.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <paramref name="level"/>: -1 outside the CloudTrail folder, 0 inside it (region folders next), 1 in a region (years
    /// next), 2 in a year, 3 in a month, 4 in a day. <paramref name="date"/> holds the year/month parsed so far.
    /// </summary>
    private static void Walk(DirectoryInfo directory, int level, int[]? date, IReadOnlyCollection<string>? regions, DateTime from, DateTime to, List<TrailFile> files)
    {
        foreach (var file in directory.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (IsLogFileName(file.Name) && file.Name.IndexOf("CloudTrail-Digest", StringComparison.OrdinalIgnoreCase) < 0)
            {
                files.Add(new TrailFile(file.FullName, file.Length));
            }
        }

        foreach (var child in directory.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var name = child.Name;
            if (name.Equals("CloudTrail-Digest", StringComparison.OrdinalIgnoreCase) || name.Equals("CloudTrail-Insight", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (level < 0)
            {
                Walk(child, name.Equals("CloudTrail", StringComparison.OrdinalIgnoreCase) ? 0 : -1, null, regions, from, to, files);
                continue;
            }

            switch (level)
            {
                case 0:
                    if (regions is null || regions.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        Walk(child, 1, null, regions, from, to, files);
                    }

                    break;
                case 1 when Number(name, 4) is { } year:
                    if (year >= from.Year && year <= to.Year)
                    {
                        Walk(child, 2, [year], regions, from, to, files);
                    }

                    break;
                case 2 when Number(name, 2) is { } month && month is >= 1 and <= 12:
                    var monthStart = new DateTime(date![0], month, 1, 0, 0, 0, DateTimeKind.Utc);
                    if (monthStart <= to && monthStart.AddMonths(1) > from)
                    {
                        Walk(child, 3, [date[0], month], regions, from, to, files);
                    }

                    break;
                case 3 when Number(name, 2) is { } day && day >= 1 && day <= DateTime.DaysInMonth(date![0], date[1]):
                    var dayStart = new DateTime(date[0], date[1], day, 0, 0, 0, DateTimeKind.Utc);
                    if (dayStart <= to && dayStart.AddDays(1) > from)
                    {
                        Walk(child, 4, date, regions, from, to, files);
                    }

                    break;
                default:
                    // Not the layout S3 writes (a copy someone rearranged): read everything below.
                    Walk(child, 5, date, regions, from, to, files);
                    break;
            }
        }
    }

    private static int? Number(string text, int digits) =>
        text.Length == digits && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
