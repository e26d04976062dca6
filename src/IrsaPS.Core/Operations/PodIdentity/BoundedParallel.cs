using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>Runs <c>body(0..count-1)</c> with at most <c>parallelism</c> at once (workers take the next index).</summary>
internal static class BoundedParallel
{
    public static async Task ForEachAsync(int count, int parallelism, Func<int, Task> body)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(parallelism, Math.Max(count, 1)))).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await body(i).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
    }
}
