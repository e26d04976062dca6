using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Activity;

/// <summary>
/// What Get-IrsaRoleActivity was asked: which roles (by name or ARN; or the IRSA roles of some clusters; or, with none of
/// these, every IRSA role of the account), an optional service-account filter, the window, the regions, and the source
/// (LookupEvents, or trail files under <see cref="Paths"/>).
/// </summary>
public sealed class RoleActivityRequest
{
    public IReadOnlyList<string> RoleNames { get; init; } = [];

    public IReadOnlyList<string> RoleArns { get; init; } = [];

    /// <summary>Clusters whose IRSA roles to report (when no role is named), and whose names label the rows.</summary>
    public IReadOnlyList<string> ClusterNames { get; init; } = [];

    /// <summary>Only rows of service accounts in this namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only rows of service accounts with this name.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>Regions to read; empty: the connection's region (LookupEvents) or every region (trail files).</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    public int? Days { get; init; }

    public DateTime? StartTime { get; init; }

    public DateTime? EndTime { get; init; }

    /// <summary>Trail log files or folders (already resolved to file-system paths); empty reads LookupEvents.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    internal ActivityLookupStrategy Strategy { get; init; } = ActivityLookupStrategy.Auto;

    /// <summary>How many distinct source addresses and user agents each row keeps.</summary>
    public int DistinctValueLimit { get; init; } = ActivityAggregator.DefaultDistinctValueLimit;

    /// <summary>"Now" (tests fix it); the system clock when null.</summary>
    public Func<DateTime>? Clock { get; init; }
}

/// <summary>The rows and what the read did.</summary>
public sealed class RoleActivityResult
{
    public IReadOnlyList<Models.IrsaRoleActivity> Activities { get; init; } = [];

    internal ActivityWindow Window { get; init; } = new(DateTime.MinValue, DateTime.MinValue);

    public ActivityReadResult Read { get; init; } = new();

    /// <summary>AssumeRoleWithWebIdentity events read, and those kept (of the roles asked about, inside the window).</summary>
    public long EventsRead { get; init; }

    public long EventsMatched { get; init; }

    public int Roles { get; init; }
}
