using System;
using System.Collections.Generic;

namespace IrsaPS.Emulators.Faults;

/// <summary>
/// Random faults: each request the plan applies to is hit with probability <see cref="Rate"/>, the kind and phase
/// drawn from <see cref="Kinds"/> and <see cref="Phases"/>, all from one <see cref="Random"/> seeded with
/// <see cref="Seed"/>, so a sequential test sees the same faults on every run.
/// </summary>
public sealed record FaultPlan
{
    /// <summary>No random faults.</summary>
    public static readonly FaultPlan None = new() { Rate = 0 };

    /// <summary>Probability (0-1) that a request is hit.</summary>
    public double Rate { get; init; }

    public int Seed { get; init; } = 1;

    public IReadOnlyList<FaultKind> Kinds { get; init; } =
        [FaultKind.Throttle, FaultKind.ServerError, FaultKind.ServiceUnavailable, FaultKind.ConnectionReset];

    public IReadOnlyList<FaultPhase> Phases { get; init; } = [FaultPhase.BeforeForward];

    /// <summary>The delay of a <see cref="FaultKind.Latency"/> fault.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Which actions (e.g. <c>CreateRole</c>, <c>DescribeCluster</c>) the plan touches; all when null.</summary>
    public Func<string, bool>? AppliesTo { get; init; }

    /// <summary>Injects 20% faults of every failing kind before forwarding: what every operation must survive.</summary>
    public static FaultPlan Failures(double rate, int seed) => new() { Rate = rate, Seed = seed };
}
