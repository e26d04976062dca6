using System;
using System.Diagnostics;
using System.Threading;

namespace IrsaPS.Bench.Scenarios;

/// <summary>Samples the process's working set and managed heap every 25 ms while a phase runs, and its allocations.</summary>
internal sealed class ResourceMeter : IDisposable
{
    private readonly Timer _timer;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _allocatedAtStart;
    private long _peakWorkingSet;
    private long _peakManaged;

    public ResourceMeter()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        BaselineManaged = GC.GetTotalMemory(true);
        BaselineWorkingSet = Environment.WorkingSet;
        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
        _timer = new Timer(_ => Sample(), null, 0, 25);
    }

    public long BaselineManaged { get; }

    public long BaselineWorkingSet { get; }

    public TimeSpan Elapsed { get; private set; }

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public long PeakManaged => Interlocked.Read(ref _peakManaged);

    public long Allocated { get; private set; }

    public void Stop()
    {
        Sample();
        Elapsed = _clock.Elapsed;
        _timer.Dispose();
        Allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var workingSet = Environment.WorkingSet;
        var managed = GC.GetTotalMemory(false);
        Max(ref _peakWorkingSet, workingSet);
        Max(ref _peakManaged, managed);
    }

    private static void Max(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)))
        {
            Interlocked.CompareExchange(ref target, value, current);
        }
    }

    public static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
