using System;
using System.Collections.Generic;
using System.Threading;

namespace IrsaPS.Core.Activity;

/// <summary>What was seen for one (role, subject, identity provider): counts, first and last times, codes, distinct values.</summary>
internal sealed class ActivityEntry
{
    private readonly int _limit;

    internal ActivityEntry(string roleArn, string subject, string identityProvider, string issuerHostPath, int limit)
    {
        RoleArn = roleArn;
        Subject = subject;
        IdentityProvider = identityProvider;
        IssuerHostPath = issuerHostPath;
        _limit = limit;
    }

    public string RoleArn { get; }

    public string Subject { get; }

    public string IdentityProvider { get; }

    public string IssuerHostPath { get; }

    /// <summary>The audience of the latest event that recorded one.</summary>
    public string? Audience { get; private set; }

    public long AssumeCount { get; private set; }

    public DateTime? FirstAssumed { get; private set; }

    public DateTime? LastAssumed { get; private set; }

    public long RefusedCount { get; private set; }

    public DateTime? LastRefused { get; private set; }

    public SortedDictionary<string, long> ErrorCodes { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> SourceAddresses { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> UserAgents { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Regions { get; } = new(StringComparer.Ordinal);

    /// <summary>True when a distinct address or user agent was dropped because the set was full.</summary>
    public bool Truncated { get; private set; }

    internal void Add(AssumeRoleEvent e)
    {
        if (e.Refused)
        {
            RefusedCount++;
            if (LastRefused is null || e.EventTime > LastRefused)
            {
                LastRefused = e.EventTime;
            }

            ErrorCodes[e.ErrorCode!] = ErrorCodes.TryGetValue(e.ErrorCode!, out var n) ? n + 1 : 1;
        }
        else
        {
            AssumeCount++;
            if (FirstAssumed is null || e.EventTime < FirstAssumed)
            {
                FirstAssumed = e.EventTime;
            }

            if (LastAssumed is null || e.EventTime > LastAssumed)
            {
                LastAssumed = e.EventTime;
            }
        }

        if (e.Audience is not null)
        {
            Audience = e.Audience;
        }

        Keep(SourceAddresses, e.SourceAddress);
        Keep(UserAgents, e.UserAgent);
        if (!string.IsNullOrEmpty(e.Region))
        {
            Regions.Add(e.Region);
        }
    }

    private void Keep(SortedSet<string> set, string? value)
    {
        if (string.IsNullOrEmpty(value) || set.Contains(value!))
        {
            return;
        }

        if (set.Count >= _limit)
        {
            Truncated = true;
            return;
        }

        set.Add(value!);
    }
}

/// <summary>
/// Folds AssumeRoleWithWebIdentity events into one <see cref="ActivityEntry"/> per (role, subject, provider), keeping
/// only the roles asked about and events inside the window. Its memory grows with the distinct (role, subject) pairs and
/// at most <see cref="DistinctValueLimit"/> addresses and user agents each, never with the number of events. Thread-safe.
/// </summary>
internal sealed class ActivityAggregator
{
    public const int DefaultDistinctValueLimit = 50;

    private readonly object _gate = new();
    private readonly Dictionary<(string Role, string Subject, string Provider), ActivityEntry> _entries = new();
    private readonly HashSet<string>? _roles;
    private long _read;
    private long _matched;

    /// <param name="roleArns">The roles to keep (ARNs, case-insensitive); null keeps every role.</param>
    public ActivityAggregator(ActivityWindow window, IEnumerable<string>? roleArns, int distinctValueLimit = DefaultDistinctValueLimit)
    {
        Window = window ?? throw new ArgumentNullException(nameof(window));
        _roles = roleArns is null ? null : new HashSet<string>(roleArns, StringComparer.OrdinalIgnoreCase);
        DistinctValueLimit = distinctValueLimit < 1 ? 1 : distinctValueLimit;
    }

    public ActivityWindow Window { get; }

    public int DistinctValueLimit { get; }

    /// <summary>AssumeRoleWithWebIdentity events read (kept or not).</summary>
    public long EventsRead => Interlocked.Read(ref _read);

    /// <summary>Events kept: of an asked role, inside the window.</summary>
    public long EventsMatched => Interlocked.Read(ref _matched);

    /// <summary>Offers one event; returns true when it was kept.</summary>
    public bool Add(AssumeRoleEvent e)
    {
        if (e is null)
        {
            throw new ArgumentNullException(nameof(e));
        }

        Interlocked.Increment(ref _read);
        if (!Window.Contains(e.EventTime) || (_roles is not null && !_roles.Contains(e.RoleArn)))
        {
            return false;
        }

        lock (_gate)
        {
            var key = (e.RoleArn.ToLowerInvariant(), e.Subject, e.IdentityProvider);
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new ActivityEntry(e.RoleArn, e.Subject, e.IdentityProvider, e.IssuerHostPath, DistinctValueLimit);
                _entries.Add(key, entry);
            }

            entry.Add(e);
        }

        Interlocked.Increment(ref _matched);
        return true;
    }

    /// <summary>The entries so far (a copy).</summary>
    public IReadOnlyList<ActivityEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return new List<ActivityEntry>(_entries.Values);
            }
        }
    }
}
