using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// A page of an AWS list, whatever the service calls its continuation: IAM's <c>Marker</c> (while <c>IsTruncated</c>),
/// EKS's <c>nextToken</c>, EC2's and CloudTrail's <c>NextToken</c>.
/// </summary>
internal interface IAwsPage
{
    /// <summary>Null on the last page; otherwise the token of the next (empty when the service gave none).</summary>
    string? NextPageToken { get; }

    string? RequestId { get; }
}

/// <summary>
/// The one loop that follows an AWS list from page to page. <c>fetch</c> reads the page after a token (null: the first),
/// <c>onPage</c> hears each page in order. A list that continues without a new token to continue from (none, or the one
/// just asked with) would be followed forever or cut short: it is <see cref="ErrorIds.AwsInvalidResponse"/>.
/// </summary>
internal static class AwsPaging
{
    public static async Task ForEachPageAsync<TPage>(
        Func<string?, Task<TPage>> fetch, Action<TPage> onPage, string service, string operation, string? target = null, int maxPages = int.MaxValue)
        where TPage : IAwsPage
    {
        string? token = null;
        for (var pages = 1; ; pages++)
        {
            var page = await fetch(token).ConfigureAwait(false);
            onPage(page);
            var next = page.NextPageToken;
            if (next is null || pages >= maxPages)
            {
                return;
            }

            if (next.Length == 0 || next == token)
            {
                throw new AwsServiceException(
                    ErrorIds.AwsInvalidResponse, IrsaErrorKind.InvalidData,
                    $"{service} said the {operation} list continues but gave no new token to continue from; the answer cannot be followed.",
                    service, operation, target, requestId: page.RequestId);
            }

            token = next;
        }
    }

    /// <summary>The items of every page, in order.</summary>
    public static async Task<List<TItem>> ReadAllAsync<TPage, TItem>(
        Func<string?, Task<TPage>> fetch, Func<TPage, IEnumerable<TItem>> items, string service, string operation, string? target = null)
        where TPage : IAwsPage
    {
        var all = new List<TItem>();
        await ForEachPageAsync(fetch, page => all.AddRange(items(page)), service, operation, target).ConfigureAwait(false);
        return all;
    }
}
