using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Activity;

/// <summary>What a read did: calls or files, whether it finished, and why not.</summary>
public sealed class ActivityReadResult
{
    /// <summary><c>LookupEvents</c> or <c>TrailFiles</c>.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>LookupEvents pages read, per region (API source).</summary>
    public IReadOnlyDictionary<string, int> PagesByRegion { get; init; } = new Dictionary<string, int>();

    /// <summary>The lookup attribute used (<c>EventName=AssumeRoleWithWebIdentity</c>, or <c>ResourceName</c> per role).</summary>
    public string? LookupAttribute { get; init; }

    /// <summary>Trail files read to their end (file source).</summary>
    public int FilesRead { get; init; }

    /// <summary>Trail files selected (file source).</summary>
    public int FilesSelected { get; init; }

    /// <summary>Records read from the files or pages, of any kind.</summary>
    public long RecordsRead { get; init; }

    /// <summary>False when stopped or failed part-way; <see cref="StopReason"/> says why.</summary>
    public bool Complete { get; init; } = true;

    public string? StopReason { get; init; }

    public TimeSpan Elapsed { get; init; }
}
