using System;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Operations;

/// <summary>
/// IAM is eventually consistent: a role or provider created a moment ago may answer NoSuchEntity for a few seconds.
/// Where the next step depends on it, retry that step with exponential backoff until a bounded deadline — never a
/// fixed sleep, and never longer than <see cref="IrsaOperationOptions.ConsistencyTimeout"/>.
/// </summary>
internal static class EventualConsistency
{
    public static async Task<T> RetryWhileNotFoundAsync<T>(
        Func<CancellationToken, Task<T>> action, string what, IrsaOperationOptions options, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.ConsistencyTimeout;
        var delay = options.ConsistencyInitialDelay;
        while (true)
        {
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (IrsaException ex) when (ex.Kind == IrsaErrorKind.NotFound)
            {
                if (DateTime.UtcNow + delay > deadline)
                {
                    throw new IrsaException(
                        ErrorIds.NotEventuallyConsistent,
                        IrsaErrorKind.Timeout,
                        $"{what} was still not visible to IAM after {options.ConsistencyTimeout.TotalSeconds:0} s. Run the command again; it continues where it stopped.",
                        ex.Target,
                        ex);
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(4).Ticks));
            }
        }
    }

    public static Task RetryWhileNotFoundAsync(
        Func<CancellationToken, Task> action, string what, IrsaOperationOptions options, CancellationToken cancellationToken) =>
        RetryWhileNotFoundAsync<bool>(
            async ct =>
            {
                await action(ct).ConfigureAwait(false);
                return true;
            },
            what,
            options,
            cancellationToken);
}
