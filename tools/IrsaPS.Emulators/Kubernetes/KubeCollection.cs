using System;
using System.Collections.Generic;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// Objects of one kind keyed by <c>namespace/name</c> and listed in key order, as etcd returns them.
/// A sorted key array is rebuilt only after an insert or delete (updates keep it), and each page is found by binary
/// search from the continue key: listing 50,000 objects page by page is O(n log n) once plus O(page) per page.
/// Not thread-safe: <see cref="KubeStore"/> locks around it.
/// </summary>
public sealed class KubeCollection<T>
    where T : class
{
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Func<T, string> _key;
    private string[]? _sorted;

    public KubeCollection(Func<T, string> key) => _key = key;

    public int Count => _items.Count;

    public T? Get(string key) => _items.TryGetValue(key, out var item) ? item : null;

    public bool Contains(string key) => _items.ContainsKey(key);

    public void Put(T item)
    {
        var key = _key(item);
        if (!_items.ContainsKey(key))
        {
            _sorted = null;
        }

        _items[key] = item;
    }

    public bool Remove(string key)
    {
        if (_items.Remove(key))
        {
            _sorted = null;
            return true;
        }

        return false;
    }

    public IEnumerable<T> All() => _items.Values;

    /// <summary>
    /// Up to <paramref name="limit"/> matching items with keys in [<paramref name="prefix"/>...) after <paramref name="after"/>.
    /// <paramref name="nextAfter"/> is the key to continue from when the page stopped at the limit with keys left;
    /// <paramref name="remaining"/> counts the keys left in range (regardless of the filter).
    /// </summary>
    public List<T> Page(string prefix, string? after, int? limit, Func<T, bool> filter, out string? nextAfter, out long remaining)
    {
        var keys = _sorted ??= Sorted();
        var start = LowerBound(keys, prefix);
        if (after is not null && string.CompareOrdinal(after, prefix) >= 0)
        {
            start = UpperBound(keys, after);
        }

        var result = new List<T>(Math.Min(limit ?? 64, 1024));
        nextAfter = null;
        remaining = 0;
        var index = start;
        for (; index < keys.Length && keys[index].StartsWith(prefix, StringComparison.Ordinal); index++)
        {
            var item = _items[keys[index]];
            if (!filter(item))
            {
                continue;
            }

            result.Add(item);
            if (limit is { } max && result.Count >= max)
            {
                index++;
                break;
            }
        }

        var end = index;
        while (end < keys.Length && keys[end].StartsWith(prefix, StringComparison.Ordinal))
        {
            end++;
        }

        remaining = end - index;
        if (remaining > 0 && limit is { } l && result.Count >= l)
        {
            nextAfter = keys[index - 1];
        }

        return result;
    }

    private string[] Sorted()
    {
        var keys = new string[_items.Count];
        _items.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    private static int LowerBound(string[] keys, string value)
    {
        int low = 0, high = keys.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (string.CompareOrdinal(keys[mid], value) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static int UpperBound(string[] keys, string value)
    {
        int low = 0, high = keys.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (string.CompareOrdinal(keys[mid], value) <= 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
