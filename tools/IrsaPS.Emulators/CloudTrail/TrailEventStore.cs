using System;
using System.Collections.Generic;
using System.Linq;

namespace IrsaPS.Emulators.CloudTrail;

/// <summary>Where a LookupEvents page ended: the last event returned (pages continue strictly after it).</summary>
public sealed record TrailCursor(DateTime Time, string EventId);

/// <summary>One page of a lookup: the events (newest first) and the cursor of the next page, or null on the last one.</summary>
public sealed record TrailPage(IReadOnlyList<TrailEvent> Events, TrailCursor? Next);

/// <summary>
/// The emulator's CloudTrail event history, per region, in LookupEvents' order (newest first; equal times by event id),
/// with an index per lookup attribute so that a page costs O(log n + page) however many events are kept. Adding events
/// marks the region for re-sorting at the next lookup. Paging continues after the last event returned, so events added
/// between two pages never shift or repeat a page. Thread-safe.
/// </summary>
public sealed class TrailEventStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, RegionEvents> _regions = new(StringComparer.Ordinal);

    /// <summary>Events kept, in one region or in all.</summary>
    public int Count(string? region = null)
    {
        lock (_gate)
        {
            return region is null ? _regions.Values.Sum(r => r.Count) : _regions.TryGetValue(region, out var events) ? events.Count : 0;
        }
    }

    /// <summary>The regions that have events.</summary>
    public IReadOnlyList<string> Regions
    {
        get
        {
            lock (_gate)
            {
                return _regions.Where(r => r.Value.Count > 0).Select(r => r.Key).OrderBy(r => r, StringComparer.Ordinal).ToList();
            }
        }
    }

    public void Add(TrailEvent trailEvent) => AddRange([trailEvent]);

    public int AddRange(IEnumerable<TrailEvent> events)
    {
        var added = 0;
        lock (_gate)
        {
            foreach (var trailEvent in events)
            {
                if (!_regions.TryGetValue(trailEvent.Region, out var region))
                {
                    region = new RegionEvents();
                    _regions.Add(trailEvent.Region, region);
                }

                region.Add(trailEvent);
                added++;
            }
        }

        return added;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _regions.Clear();
        }
    }

    /// <summary>Every event of a region, newest first.</summary>
    public IReadOnlyList<TrailEvent> All(string region)
    {
        lock (_gate)
        {
            return _regions.TryGetValue(region, out var events) ? events.Sorted().ToList() : [];
        }
    }

    /// <summary>
    /// A page of LookupEvents: events of <paramref name="region"/> with <paramref name="key"/> = <paramref name="value"/>
    /// (no filter when <paramref name="key"/> is null), with <paramref name="start"/> ≤ eventTime ≤ <paramref name="end"/>
    /// (both inclusive, as the model documents), after <paramref name="after"/>, at most <paramref name="max"/>.
    /// </summary>
    public TrailPage Lookup(string region, string? key, string? value, DateTime? start, DateTime? end, int max, TrailCursor? after)
    {
        lock (_gate)
        {
            if (!_regions.TryGetValue(region, out var events))
            {
                return new TrailPage([], null);
            }

            return events.Lookup(key, value, start, end, max, after);
        }
    }

    /// <summary>LookupEvents' order: negative when event a comes first (it is newer, or as old with the larger event id).</summary>
    internal static int Compare(DateTime aTime, string aId, DateTime bTime, string bId)
    {
        var byTime = bTime.CompareTo(aTime);
        return byTime != 0 ? byTime : string.CompareOrdinal(bId, aId);
    }

    private sealed class RegionEvents
    {
        private readonly List<TrailEvent> _events = [];
        private readonly Dictionary<string, Dictionary<string, List<int>>> _indexes = new(StringComparer.Ordinal);
        private TrailEvent[] _sorted = [];
        private bool _dirty;

        public int Count => _events.Count;

        public void Add(TrailEvent trailEvent)
        {
            _events.Add(trailEvent);
            _dirty = true;
        }

        public TrailEvent[] Sorted()
        {
            if (_dirty)
            {
                _sorted = _events.ToArray();
                Array.Sort(_sorted, (a, b) => Compare(a.Time, a.EventId, b.Time, b.EventId));
                _indexes.Clear();
                _dirty = false;
            }

            return _sorted;
        }

        public TrailPage Lookup(string? key, string? value, DateTime? start, DateTime? end, int max, TrailCursor? after)
        {
            var sorted = Sorted();
            List<int>? candidates = null;
            if (key is not null)
            {
                candidates = Index(key).TryGetValue(value ?? string.Empty, out var positions) ? positions : [];
            }

            var count = candidates?.Count ?? sorted.Length;
            TrailEvent At(int i) => sorted[candidates is null ? i : candidates[i]];

            // The first candidate at or before EndTime and after the cursor: both hold from some point on in this order.
            int low = 0, high = count;
            while (low < high)
            {
                var mid = low + ((high - low) / 2);
                var e = At(mid);
                var ok = (end is null || e.Time <= end.Value) && (after is null || Compare(e.Time, e.EventId, after.Time, after.EventId) > 0);
                if (ok)
                {
                    high = mid;
                }
                else
                {
                    low = mid + 1;
                }
            }

            var page = new List<TrailEvent>(Math.Min(max, Math.Max(0, count - low)));
            var i = low;
            for (; i < count && page.Count < max; i++)
            {
                var e = At(i);
                if (start is not null && e.Time < start.Value)
                {
                    return new TrailPage(page, null);
                }

                page.Add(e);
            }

            var more = i < count && (start is null || At(i).Time >= start.Value);
            var last = page.Count > 0 ? page[^1] : null;
            return new TrailPage(page, more && last is not null ? new TrailCursor(last.Time, last.EventId) : null);
        }

        private Dictionary<string, List<int>> Index(string key)
        {
            if (_indexes.TryGetValue(key, out var index))
            {
                return index;
            }

            index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var position = 0; position < _sorted.Length; position++)
            {
                foreach (var value in _sorted[position].ValuesOf(key).Distinct(StringComparer.Ordinal))
                {
                    if (!index.TryGetValue(value, out var list))
                    {
                        list = [];
                        index.Add(value, list);
                    }

                    list.Add(position);
                }
            }

            _indexes.Add(key, index);
            return index;
        }
    }
}
