using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using IrsaPS.Core.Activity;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.CloudTrail;
using Xunit;

namespace IrsaPS.Core.Tests.Activity;

/// <summary>Streaming the Records of trail files: buffer boundaries, big records, gzip, faults, layout pruning.</summary>
public sealed class TrailFileReaderTests
{
    [Fact]
    public void EveryRecord_IsHandedOverWhole_WhateverTheStreamsChunking()
    {
        var (events, _) = TrailEventGenerator.Generate(new TrailGenerationSpec { Events = 1500, Roles = 17, OtherEventFraction = 0.1 });
        var body = TrailBody(events);

        // A stream that returns 1-7 bytes per Read puts record boundaries everywhere in the buffer.
        var ids = Read(new TrickleStream(body)).Select(IdOf).ToList();

        Assert.Equal(events.Select(e => e.EventId), ids);
    }

    [Fact]
    public void ARecordLargerThanTheBuffer_GrowsIt_AndOtherPropertiesAroundRecordsAreIgnored()
    {
        var huge = "{\"eventID\":\"big\",\"padding\":\"" + new string('x', 300_000) + "\"}";
        var body = Encoding.UTF8.GetBytes("{\"before\":{\"Records\":[{\"eventID\":\"nested\"}]},\"Records\":[{\"eventID\":\"a\"}," + huge + ",{\"eventID\":\"z\"}],\"after\":[1]}");

        var ids = Read(new MemoryStream(body)).Select(IdOf).ToList();

        Assert.Equal(["a", "big", "z"], ids);
    }

    [Fact]
    public void ATruncatedFile_FailsAfterHandingOverTheRecordsBeforeTheFault()
    {
        var (events, _) = TrailEventGenerator.Generate(new TrailGenerationSpec { Events = 10, Roles = 2 });
        var body = TrailBody(events);
        var cut = body.AsSpan(0, body.Length - 200).ToArray();
        var seen = new List<string>();

        Assert.ThrowsAny<JsonException>(() => TrailFileReader.Read(new MemoryStream(cut), (b, o, c) => seen.Add(IdOf(b.AsSpan(o, c).ToArray()))));

        Assert.Equal(events.Take(9).Select(e => e.EventId), seen);
    }

    [Fact]
    public void ADigestFile_HasNoRecords()
    {
        var digest = Encoding.UTF8.GetBytes("{\"awsAccountId\":\"1\",\"logFiles\":[{\"s3Bucket\":\"b\"}]}");

        Assert.Equal(0, TrailFileReader.Read(new MemoryStream(digest), (_, _, _) => throw new InvalidOperationException("no record expected")));
    }

    [Fact]
    public void TheS3Layout_IsPrunedByRegionAndDay_AndLooseFilesAreRead()
    {
        using var root = new TempDirectory();
        var end = new DateTime(2024, 5, 20, 12, 0, 0, DateTimeKind.Utc);
        var (events, _) = TrailEventGenerator.Generate(new TrailGenerationSpec { Events = 600, Roles = 3, Regions = ["us-east-1", "eu-west-1"], Start = end.AddDays(-30), End = end });
        TrailFileWriter.WriteTree(root.Path, "123456789012", events, eventsPerFile: 50);
        Directory.CreateDirectory(Path.Combine(root.Path, "AWSLogs", "123456789012", "CloudTrail-Digest", "us-east-1"));
        File.WriteAllText(Path.Combine(root.Path, "AWSLogs", "123456789012", "CloudTrail-Digest", "us-east-1", "d.json.gz"), "not read");
        var loose = Path.Combine(root.Path, "loose.json");
        File.WriteAllText(loose, "{\"Records\":[]}");

        var files = TrailFileSet.Find([root.Path], ["eu-west-1"], end.AddDays(-3), end);

        Assert.Contains(files, f => f.Path == loose);
        var layout = files.Where(f => f.Path != loose).ToList();
        Assert.NotEmpty(layout);
        Assert.All(layout, f => Assert.Contains("/eu-west-1/", f.Path, StringComparison.Ordinal));
        Assert.All(layout, f => Assert.True(DayOf(f.Path) >= end.AddDays(-4).Date, f.Path));
        var expectedDays = events.Where(e => e.Region == "eu-west-1" && e.Time.Date >= end.AddDays(-4).Date).Select(e => e.Time.Date).Distinct().Count();
        Assert.Equal(expectedDays, layout.Select(f => DayOf(f.Path)).Distinct().Count());
        Assert.Throws<IrsaPS.Core.Errors.IrsaValidationException>(() => TrailFileSet.Find([Path.Combine(root.Path, "missing")], null, end.AddDays(-1), end));
    }

    private static DateTime DayOf(string path)
    {
        var parts = path.Split('/');
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return new DateTime(int.Parse(parts[^4], c), int.Parse(parts[^3], c), int.Parse(parts[^2], c), 0, 0, 0, DateTimeKind.Utc);
    }

    internal static byte[] TrailBody(IEnumerable<TrailEvent> events)
    {
        using var buffer = new MemoryStream();
        buffer.Write("{\"Records\":["u8);
        var first = true;
        foreach (var e in events)
        {
            if (!first)
            {
                buffer.WriteByte((byte)',');
            }

            buffer.Write(e.Record);
            first = false;
        }

        buffer.Write("]}"u8);
        return buffer.ToArray();
    }

    private static List<byte[]> Read(Stream stream)
    {
        var records = new List<byte[]>();
        TrailFileReader.Read(stream, (buffer, offset, count) => records.Add(buffer.AsSpan(offset, count).ToArray()));
        return records;
    }

    private static string IdOf(byte[] record)
    {
        using var document = JsonDocument.Parse(record);
        return document.RootElement.GetProperty("eventID").GetString()!;
    }

    /// <summary>Returns at most a few bytes per Read.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        private int _next = 1;

        public override int Read(byte[] buffer, int offset, int count)
        {
            _next = (_next % 7) + 1;
            return base.Read(buffer, offset, Math.Min(count, _next));
        }
    }
}
