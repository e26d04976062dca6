using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Activity;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Emulators.CloudTrail;
using IrsaPS.Emulators.Faults;

namespace IrsaPS.Bench.Scenarios;

/// <summary>What one role-activity run measured (the report is built from it; the xunit test asserts it).</summary>
internal sealed record RoleActivityMeasurement
{
    public int Roles { get; init; }

    public int FileEvents { get; init; }

    public int FileFiles { get; init; }

    public long FileEventsMatched { get; init; }

    public long FileRecordsRead { get; init; }

    public TimeSpan FileWall { get; init; }

    public TimeSpan FileReadElapsed { get; init; }

    public long FileBaselineWorkingSet { get; init; }

    public long FilePeakWorkingSet { get; init; }

    public long FileBaselineManaged { get; init; }

    public long FilePeakManaged { get; init; }

    public long FileAllocated { get; init; }

    public int ApiEvents { get; init; }

    /// <summary>Generated events LookupEvents matches (EventName=AssumeRoleWithWebIdentity, in the window).</summary>
    public int ApiMatching { get; init; }

    public long ApiEventsMatched { get; init; }

    public int ExpectedPages => (ApiMatching + 49) / 50;

    /// <summary>LookupEvents requests the emulator received (throttled ones included).</summary>
    public int WirePages { get; init; }

    public int WireThrottled { get; init; }

    /// <summary>The core's own page count (ActivityReadResult.PagesByRegion).</summary>
    public int CorePages { get; init; }

    public TimeSpan ApiWall { get; init; }

    public TimeSpan MinGap { get; init; }

    /// <summary>(pages − 1) / (last arrival − first arrival).</summary>
    public double AchievedRate { get; init; }

    /// <summary>The fastest run of 10 consecutive gaps on the wire: 10 / (arrival[i + 10] − arrival[i]).</summary>
    public double FastestTenRate { get; init; }

    /// <summary>The least time between the starts of two LookupEvents attempts, as the client sent them.</summary>
    public TimeSpan MinClientGap { get; init; }

    public IReadOnlyDictionary<string, int> OtherWireCalls { get; init; } = new Dictionary<string, int>();

    public int Rows { get; init; }

    public bool SameAnswer { get; init; }
}

/// <summary>
/// Get-IrsaRoleActivity's core at scale. The emulator's generator makes <c>events</c> CloudTrail events over
/// <c>roles</c> roles (2 service accounts each, 2% refused, 5% AssumeRole rather than AssumeRoleWithWebIdentity) in
/// the last 7 days; the roles are created in moto trusting the sandbox cluster's issuer. (1) The events are written as a
/// trail delivers them to S3 (<c>AWSLogs/…/CloudTrail/&lt;region&gt;/yyyy/mm/dd/*.json.gz</c>, 500 per file) and read with
/// <c>-Path</c>: events per second and the process's peak memory. (2) <c>apiEvents</c> events (the same generator, same
/// seed and window) are loaded into an in-process CloudTrail emulator behind the project's proxy in front of the
/// sandbox's moto, rate-limited at CloudTrail's documented 2 requests per second, and read through LookupEvents: the
/// emulator's own record of every LookupEvents request (arrival times, throttled or not) gives the page count on the
/// wire, against ceil(matching events / 50), and the gaps between requests. (3) Both sources must give the same rows
/// (the file side is read again at the API size when the sizes differ).
/// </summary>
internal static class RoleActivityScenario
{
    private const int ServiceAccountsPerRole = 2;

    public static async Task<string> RunAsync(int events, int roles, int apiEvents) => Report(await MeasureAsync(events, roles, apiEvents, Console.WriteLine));

    internal static async Task<RoleActivityMeasurement> MeasureAsync(int events, int roles, int apiEvents, Action<string> log, CancellationToken cancellationToken = default)
    {
        log($"Starting a sandbox and creating {roles:N0} IRSA roles in moto...");
        using var sandbox = await BenchSandbox.StartAsync("""{"namespaces":["bench"]}""");
        var end = DateTime.UtcNow.AddMinutes(-1);
        end = end.AddTicks(-(end.Ticks % TimeSpan.TicksPerSecond));
        var request = new RoleActivityRequest { ClusterNames = [sandbox.ClusterName], StartTime = end.AddDays(-8), EndTime = end };
        await CreateRolesAsync(sandbox, Spec(sandbox, roles, 0, end), cancellationToken);

        // (1) Trail files at full size.
        using var folder = new ScratchFolder();
        var files = WriteFiles(folder.Path, sandbox, Spec(sandbox, roles, events, end));
        log($"  {events:N0} events written to {files:N0} .json.gz files; reading them with -Path...");
        IReadOnlyList<IrsaRoleActivity> fileRows;
        RoleActivityResult fromFiles;
        ResourceMeter meter;
        TimeSpan fileWall;
        using (var session = Session(sandbox, sandbox.MotoEndpoint))
        {
            meter = new ResourceMeter();
            var clock = Stopwatch.StartNew();
            fromFiles = await IrsaRoleActivities.GetAsync(session, With(request, folder.Path), cancellationToken);
            fileWall = clock.Elapsed;
            meter.Stop();
            meter.Dispose();
            fileRows = fromFiles.Activities;
        }

        log($"  {fileWall.TotalSeconds:0.00} s, {fromFiles.Read.RecordsRead:N0} records, peak working set {ResourceMeter.Mb(meter.PeakWorkingSet)}");

        if (apiEvents != events)
        {
            using var small = new ScratchFolder();
            WriteFiles(small.Path, sandbox, Spec(sandbox, roles, apiEvents, end));
            using var session = Session(sandbox, sandbox.MotoEndpoint);
            fileRows = (await IrsaRoleActivities.GetAsync(session, With(request, small.Path), cancellationToken)).Activities;
        }

        // (2) LookupEvents, paced by the core, received by the emulator.
        var trail = new CloudTrailEmulation(sandbox.Region, CloudTrail.DocumentedRate);
        var (generated, summary) = TrailEventGenerator.Generate(Spec(sandbox, roles, apiEvents, end));
        trail.Events.AddRange(generated);
        generated = null;
        await using var proxy = await FaultProxy.StartAsync(new Uri(sandbox.MotoEndpoint), FaultPlan.None, [trail], port: 0, cancellationToken);
        var matching = summary.WebIdentity;
        log($"  LookupEvents: {matching:N0} of {apiEvents:N0} events match, so {(matching + 49) / 50:N0} pages at 2 requests/s expected...");
        RoleActivityResult fromApi;
        TimeSpan apiWall;
        var sends = new AttemptClock();
        using (var session = Session(sandbox, proxy.Endpoint.AbsoluteUri, sends))
        {
            var clock = Stopwatch.StartNew();
            fromApi = await IrsaRoleActivities.GetAsync(session, request, cancellationToken);
            apiWall = clock.Elapsed;
        }

        var arrivals = trail.Arrivals.OrderBy(a => a.At).ToList();
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b.At - a.At).ToList();
        var fastestTen = Enumerable.Range(0, Math.Max(0, arrivals.Count - 10)).Select(i => 10 / (arrivals[i + 10].At - arrivals[i].At).TotalSeconds).DefaultIfEmpty(0).Max();
        var sent = sends.Starts.Order().ToList();
        var clientGaps = sent.Zip(sent.Skip(1), (a, b) => b - a).ToList();

        var others = proxy.Requests.Where(r => r.Action != "LookupEvents").GroupBy(r => r.Action, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var measurement = new RoleActivityMeasurement
        {
            Roles = roles,
            FileEvents = events,
            FileFiles = files,
            FileEventsMatched = fromFiles.EventsMatched,
            FileRecordsRead = fromFiles.Read.RecordsRead,
            FileWall = fileWall,
            FileReadElapsed = fromFiles.Read.Elapsed,
            FileBaselineWorkingSet = meter.BaselineWorkingSet,
            FilePeakWorkingSet = meter.PeakWorkingSet,
            FileBaselineManaged = meter.BaselineManaged,
            FilePeakManaged = meter.PeakManaged,
            FileAllocated = meter.Allocated,
            ApiEvents = apiEvents,
            ApiMatching = matching,
            ApiEventsMatched = fromApi.EventsMatched,
            WirePages = trail.LookupRequests,
            WireThrottled = trail.ThrottledRequests,
            CorePages = fromApi.Read.PagesByRegion.Values.Sum(),
            ApiWall = apiWall,
            MinGap = gaps.Count == 0 ? TimeSpan.Zero : gaps.Min(),
            AchievedRate = arrivals.Count < 2 ? 0 : (arrivals.Count - 1) / (arrivals[^1].At - arrivals[0].At).TotalSeconds,
            FastestTenRate = fastestTen,
            MinClientGap = clientGaps.Count == 0 ? TimeSpan.Zero : clientGaps.Min(),
            OtherWireCalls = others,
            Rows = fromApi.Activities.Count,
            SameAnswer = Project(fromApi.Activities).SequenceEqual(Project(fileRows), StringComparer.Ordinal),
        };
        log($"  {apiWall.TotalSeconds:0.0} s, {measurement.WirePages:N0} LookupEvents on the wire ({measurement.WireThrottled} throttled), min gap {measurement.MinGap.TotalMilliseconds:0} ms, same answer as the files: {measurement.SameAnswer}");
        if (!fromApi.Read.Complete || !fromFiles.Read.Complete || measurement.WirePages != measurement.ExpectedPages || measurement.WireThrottled != 0 || !measurement.SameAnswer || measurement.Rows == 0)
        {
            throw new InvalidOperationException($"Role activity run failed its checks: {measurement.WirePages} pages on the wire (expected {measurement.ExpectedPages}), {measurement.WireThrottled} throttled, same answer {measurement.SameAnswer}, {measurement.Rows} rows.");
        }

        return measurement;
    }

    private static string Report(RoleActivityMeasurement m)
    {
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"Population: {m.Roles:N0} IRSA roles (2 service accounts each) in moto; events from the emulator's generator over the last 7 days (2% refused, 5% AssumeRole). Window: 8 days up to the generator's end; clusters: the sandbox's.");
        output.AppendLine();
        output.AppendLine("| source | events generated | AssumeRoleWithWebIdentity events kept | wall time | events/s | peak working set (baseline) | peak managed heap (baseline) | allocated |");
        output.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        output.AppendLine(CultureInfo.InvariantCulture, $"| trail files (-Path, {m.FileFiles:N0} .json.gz files) | {m.FileEvents:N0} | {m.FileEventsMatched:N0} | {m.FileWall.TotalSeconds:0.00} s (read {m.FileReadElapsed.TotalSeconds:0.00} s) | {m.FileRecordsRead / m.FileReadElapsed.TotalSeconds:N0} | {ResourceMeter.Mb(m.FilePeakWorkingSet)} ({ResourceMeter.Mb(m.FileBaselineWorkingSet)}) | {ResourceMeter.Mb(m.FilePeakManaged)} ({ResourceMeter.Mb(m.FileBaselineManaged)}) | {ResourceMeter.Mb(m.FileAllocated)} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| LookupEvents (2 requests/s) | {m.ApiEvents:N0} | {m.ApiEventsMatched:N0} | {m.ApiWall.TotalSeconds:0.0} s | {m.ApiMatching / m.ApiWall.TotalSeconds:N0} | | | |");
        output.AppendLine();
        output.AppendLine("| LookupEvents | value |");
        output.AppendLine("|---|---:|");
        output.AppendLine(CultureInfo.InvariantCulture, $"| matching events (EventName=AssumeRoleWithWebIdentity, in the window) | {m.ApiMatching:N0} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| expected pages ceil(matching / 50) | {m.ExpectedPages:N0} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| LookupEvents requests received by the emulator | {m.WirePages:N0} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| of them throttled | {m.WireThrottled:N0} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| pages the core counted | {m.CorePages:N0} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| achieved rate, (requests − 1) / (last − first arrival) | {m.AchievedRate:0.000}/s |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| least gap between two arrivals | {m.MinGap.TotalMilliseconds:0.0} ms |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| fastest 10 consecutive requests on the wire | {m.FastestTenRate:0.000}/s |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| least gap between two attempts as the client started them (completion − attempt time) | {m.MinClientGap.TotalMilliseconds:0.0} ms |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| other AWS requests on the wire | {string.Join(", ", m.OtherWireCalls.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))} |");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"Rows: {m.Rows:N0}; LookupEvents and the trail files {(m.FileEvents == m.ApiEvents ? string.Empty : $"(read again at {m.ApiEvents:N0} events) ")}give the same rows: {(m.SameAnswer ? "yes" : "NO")}.");
        return output.ToString();
    }

    private static TrailGenerationSpec Spec(BenchSandbox sandbox, int roles, int events, DateTime end) => new()
    {
        Events = events,
        Roles = roles,
        AccountId = sandbox.AccountId,
        RolePrefix = "act-",
        Issuer = sandbox.Issuer,
        Regions = [sandbox.Region],
        End = end,
        Start = end.AddDays(-7),
        ServiceAccountsPerRole = ServiceAccountsPerRole,
        OtherEventFraction = 0.05,
        Seed = 42,
    };

    private static RoleActivityRequest With(RoleActivityRequest request, string path) => new()
    {
        ClusterNames = request.ClusterNames,
        StartTime = request.StartTime,
        EndTime = request.EndTime,
        Paths = [path],
    };

    /// <summary>Writes the events of <paramref name="spec"/> as a trail's files; the events are dropped afterwards.</summary>
    private static int WriteFiles(string root, BenchSandbox sandbox, TrailGenerationSpec spec) =>
        TrailFileWriter.WriteTree(root, sandbox.AccountId, TrailEventGenerator.Generate(spec).Events, eventsPerFile: 500).Count;

    /// <summary>The roles, each trusting its service accounts on the sandbox cluster's issuer, 16 at a time.</summary>
    private static async Task CreateRolesAsync(BenchSandbox sandbox, TrailGenerationSpec spec, CancellationToken cancellationToken)
    {
        using var aws = sandbox.ConnectAws();
        var host = sandbox.Issuer.Substring("https://".Length);
        var provider = $"arn:aws:iam::{sandbox.AccountId}:oidc-provider/{host}";
        await Parallel.ForEachAsync(Enumerable.Range(0, spec.Roles), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var subjects = string.Join(",", Enumerable.Range(0, spec.ServiceAccountsPerRole).Select(k => "\"" + spec.SubjectOf(i, k) + "\""));
            var trust = $$$$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{{{provider}}}}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"{{{{host}}}}:sub":[{{{{subjects}}}}],"{{{{host}}}}:aud":"sts.amazonaws.com"}}}]}""";
            await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = spec.RoleName(i), AssumeRolePolicyDocument = trust }, token);
        });
    }

    private static IrsaSession Session(BenchSandbox sandbox, string endpoint, IAwsCallObserver? observer = null) => new(
        new IrsaSessionSettings
        {
            Aws = new AwsConnectionSettings { Region = sandbox.Region, AccessKey = BenchSandbox.AccessKey, SecretKey = BenchSandbox.SecretKey, EndpointUrl = endpoint, Observer = observer },
            KubeConfigPath = sandbox.KubeConfig,
        },
        SilentHost.Instance);

    private static List<string> Project(IEnumerable<IrsaRoleActivity> rows) => rows
        .Select(r => string.Join(
            "|",
            r.RoleArn,
            r.Subject,
            r.ClusterName,
            r.Trusted,
            r.AssumeCount,
            r.FirstAssumed?.ToString("O", CultureInfo.InvariantCulture),
            r.LastAssumed?.ToString("O", CultureInfo.InvariantCulture),
            r.RefusedCount,
            string.Join(",", r.RefusedErrorCodes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)),
            string.Join(",", r.SourceAddresses),
            string.Join(",", r.UserAgents),
            string.Join(",", r.Regions)))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>When each LookupEvents attempt started (its completion minus its duration), on one monotonic clock.</summary>
    private sealed class AttemptClock : IAwsCallObserver
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<TimeSpan> _starts = [];

        public IReadOnlyList<TimeSpan> Starts
        {
            get
            {
                lock (_starts)
                {
                    return _starts.ToArray();
                }
            }
        }

        public void OnCallStarting(AwsCallStart call)
        {
        }

        public void OnAttempt(AwsAttempt attempt)
        {
            if (attempt.Operation == "LookupEvents")
            {
                var now = _clock.Elapsed;
                lock (_starts)
                {
                    _starts.Add(now - attempt.Elapsed);
                }
            }
        }

        public void OnCallCompleted(AwsCallResult call)
        {
        }
    }

    private static class CloudTrail
    {
        public const double DocumentedRate = IrsaPS.Core.Aws.CloudTrail.CloudTrailClient.DocumentedRequestsPerSecond;
    }

    private sealed class ScratchFolder : IDisposable
    {
        public ScratchFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "irsaps-trail-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
