using System.Collections.Generic;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// One page of a list: its items, the opaque <see cref="Continue"/> token for the next page (null on the last page),
/// and the list's resourceVersion. <see cref="RemainingItemCount"/> is the server's estimate when it gives one.
/// </summary>
public sealed class KubeListPage<T>
{
    public KubeListPage(IReadOnlyList<T> items, string? continueToken, string? resourceVersion, long? remainingItemCount)
    {
        Items = items;
        Continue = continueToken;
        ResourceVersion = resourceVersion;
        RemainingItemCount = remainingItemCount;
    }

    public IReadOnlyList<T> Items { get; }

    public string? Continue { get; }

    public string? ResourceVersion { get; }

    public long? RemainingItemCount { get; }

    public bool IsLast => string.IsNullOrEmpty(Continue);
}
