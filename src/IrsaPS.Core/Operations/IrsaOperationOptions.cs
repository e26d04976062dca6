using System;

namespace IrsaPS.Core.Operations;

/// <summary>Tunables of the operations. The defaults suit real AWS; tests shorten the waits.</summary>
internal sealed class IrsaOperationOptions
{
    public static readonly IrsaOperationOptions Default = new();

    /// <summary>The account's trust-policy size quota (IAM: 2,048 by default, up to 4,096 on request).</summary>
    public int TrustPolicySizeLimit { get; init; } = Policy.TrustPolicySize.DefaultLimit;

    /// <summary>
    /// After writing a trust policy, how long the document must stay as we left it before we trust that no concurrent
    /// writer overwrote our change (IAM has no conditional write). Each re-read waits this long.
    /// </summary>
    public TimeSpan TrustSettleDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a trust edit is merged and written again when a concurrent writer interfered.</summary>
    public int MaxTrustWriteAttempts { get; init; } = 8;

    /// <summary>How long to wait for IAM's eventual consistency (a role or provider just created becoming visible).</summary>
    public TimeSpan ConsistencyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay of the bounded exponential wait for eventual consistency.</summary>
    public TimeSpan ConsistencyInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many independent calls (e.g. DescribePodIdentityAssociation per association) run at once.</summary>
    public int MaxParallelCalls { get; init; } = 8;
}
