using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Activity;

/// <summary>
/// Reads AssumeRoleWithWebIdentity events from CloudTrail log files on disk (<see cref="TrailFileSet"/>), one file at a
/// time, streaming (<see cref="TrailFileReader"/>): no rate limit, no 90-day horizon, memory independent of the files'
/// size. Records outside the regions asked for (when given) are skipped. A file that cannot be read is reported as a
/// warning and the others are still read. Progress counts bytes of the files on disk. Cancellation stops between
/// records; what was read stays in the aggregator.
/// </summary>
internal static class TrailFileActivityReader
{
    private const string Activity = "Reading CloudTrail log files";

    public static Task<ActivityReadResult> ReadAsync(
        IReadOnlyList<TrailFile> files,
        IReadOnlyCollection<string>? regions,
        ActivityAggregator aggregator,
        IOperationHost host,
        CancellationToken cancellationToken)
    {
        if (files is null || aggregator is null || host is null)
        {
            throw new ArgumentNullException(files is null ? nameof(files) : aggregator is null ? nameof(aggregator) : nameof(host));
        }

        return Task.Run(() => Read(files, regions, aggregator, host, cancellationToken), CancellationToken.None);
    }

    private static ActivityReadResult Read(IReadOnlyList<TrailFile> files, IReadOnlyCollection<string>? regions, ActivityAggregator aggregator, IOperationHost host, CancellationToken cancellationToken)
    {
        var wanted = regions is null || regions.Count == 0 ? null : new HashSet<string>(regions, StringComparer.OrdinalIgnoreCase);
        var totalBytes = Math.Max(1, files.Sum(f => f.Length));
        long doneBytes = 0, records = 0;
        var read = 0;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        string? stopped = null;
        try
        {
            for (var index = 0; index < files.Count; index++)
            {
                var file = files[index];
                try
                {
                    using var disk = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
                    using var content = Content(disk);
                    TrailFileReader.Read(
                        content,
                        (buffer, offset, count) =>
                        {
                            records++;
                            if (CloudTrailRecordParser.Parse(new ReadOnlySpan<byte>(buffer, offset, count)) is { } e && (wanted is null || wanted.Contains(e.Region)))
                            {
                                aggregator.Add(e);
                            }

                            if ((records & 0x3FF) == 0 && clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(250))
                            {
                                lastReport = clock.Elapsed;
                                Report(host, index, files.Count, doneBytes + disk.Position, totalBytes, aggregator, clock.Elapsed);
                            }
                        },
                        cancellationToken);
                    read++;
                }
                catch (Exception ex) when (ex is JsonException or IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    host.WriteWarning($"Skipped the rest of '{file.Path}': it could not be read as a CloudTrail log file ({ex.Message}). Events read from it before the fault are counted.");
                }

                doneBytes += file.Length;
                Report(host, index + 1, files.Count, doneBytes, totalBytes, aggregator, clock.Elapsed);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stopped = $"stopped (Ctrl+C) after {read} of {files.Count} file(s)";
        }
        finally
        {
            host.WriteProgress(OperationProgress.Complete(ProgressActivities.RoleActivity, Activity));
        }

        return new ActivityReadResult
        {
            Source = "TrailFiles",
            FilesRead = read,
            FilesSelected = files.Count,
            RecordsRead = records,
            Complete = stopped is null,
            StopReason = stopped,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>The file's JSON: gunzipped when it starts with gzip's magic bytes, whatever its name (disposing a plain file twice is harmless).</summary>
    private static Stream Content(FileStream disk)
    {
        var first = disk.ReadByte();
        var second = disk.ReadByte();
        disk.Position = 0;
        return first == 0x1f && second == 0x8b ? new GZipStream(disk, CompressionMode.Decompress, leaveOpen: true) : disk;
    }

    private static void Report(IOperationHost host, int file, int files, long bytes, long totalBytes, ActivityAggregator aggregator, TimeSpan elapsed)
    {
        var fraction = Math.Min(1.0, bytes / (double)totalBytes);
        var left = fraction > 0.02 ? TimeSpan.FromTicks((long)(elapsed.Ticks * ((1 - fraction) / fraction))) : (TimeSpan?)null;
        var status = string.Format(
            CultureInfo.InvariantCulture,
            "{0:N0} of {1:N0} file(s), {2:N1} of {3:N1} MB, {4:N0} of {5:N0} event(s) kept{6}",
            file,
            files,
            bytes / 1048576.0,
            totalBytes / 1048576.0,
            aggregator.EventsMatched,
            aggregator.EventsRead,
            left is null ? string.Empty : ", about " + LookupEventsActivityReader.Duration(left.Value) + " left");
        host.WriteProgress(new OperationProgress(ProgressActivities.RoleActivity, Activity, status, Math.Min(99, (int)(fraction * 100))));
    }
}
