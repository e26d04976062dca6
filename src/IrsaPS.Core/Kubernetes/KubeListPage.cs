using System.Collections.Generic;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// One page of a list: its items, the opaque <see cref="Continue"/> token for the next page (null on the last page),
/// and the list's resourceVersion. <see cref="RemainingItemCount"/> is the server's estimate when it gives one.
/// </summary>
internal sealed record KubeListPage<T>(IReadOnlyList<T> Items, string? Continue, string? ResourceVersion, long? RemainingItemCount)
{
    public bool IsLast => string.IsNullOrEmpty(Continue);
}
