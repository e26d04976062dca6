using System.Collections.Generic;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// One page of a list: its items, the opaque <see cref="Continue"/> token for the next page (null on the last page),
/// and the list's resourceVersion. <see cref="RemainingItemCount"/> is the server's estimate when it gives one.
/// </summary>
public sealed class KubeListPage<T>(IReadOnlyList<T> items, string? continueToken, string? resourceVersion, long? remainingItemCount)
{
    public IReadOnlyList<T> Items { get; } = items;

    public string? Continue { get; } = continueToken;

    public string? ResourceVersion { get; } = resourceVersion;

    public long? RemainingItemCount { get; } = remainingItemCount;

    public bool IsLast => string.IsNullOrEmpty(Continue);
}
