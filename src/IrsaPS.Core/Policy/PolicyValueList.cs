using System;
using System.Collections;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy;

/// <summary>
/// The "string or array of strings" shape IAM uses for <c>Action</c>, <c>Resource</c>, principal lists and
/// condition values. <see cref="IsArray"/> records whether the JSON had an array, so a document that is parsed
/// and written back unchanged keeps its shape. Adding a second value to a single string turns it into an array;
/// values are compared ordinally (IAM values are case-sensitive unless an operator says otherwise).
/// </summary>
internal sealed class PolicyValueList : IReadOnlyList<string>
{
    private readonly List<PolicyScalar> _items;

    public PolicyValueList()
    {
        _items = [];
    }

    public PolicyValueList(IEnumerable<PolicyScalar> items, bool isArray)
    {
        if (items is null)
        {
            throw new ArgumentNullException(nameof(items));
        }

        _items = new List<PolicyScalar>(items);
        IsArray = isArray || _items.Count != 1;
    }

    /// <summary>A list of string values, written as a string when there is exactly one (as eksctl and the AWS docs do).</summary>
    public static PolicyValueList Of(params string[] values) => Of((IEnumerable<string>)values);

    /// <summary>A list of string values, written as a string when there is exactly one.</summary>
    public static PolicyValueList Of(IEnumerable<string> values)
    {
        if (values is null)
        {
            throw new ArgumentNullException(nameof(values));
        }

        var items = new List<PolicyScalar>();
        foreach (var value in values)
        {
            items.Add(new PolicyScalar(value));
        }

        return new PolicyValueList(items, isArray: false);
    }

    /// <summary>True when the list is written as a JSON array; false for a single bare value.</summary>
    public bool IsArray { get; set; }

    /// <summary>The values with how each was written.</summary>
    public IReadOnlyList<PolicyScalar> Items => _items;

    public int Count => _items.Count;

    public string this[int index] => _items[index].Text;

    /// <summary>True when a value with exactly this text (ordinal) is in the list.</summary>
    public bool Contains(string value) => IndexOf(value) >= 0;

    /// <summary>The index of the first value with exactly this text (ordinal), or -1.</summary>
    public int IndexOf(string value)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Text, value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Appends a string value unless it is already there. Returns true when the list changed.</summary>
    public bool Add(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        if (Contains(value))
        {
            return false;
        }

        _items.Add(new PolicyScalar(value));
        if (_items.Count > 1)
        {
            IsArray = true;
        }

        return true;
    }

    /// <summary>Removes every value with exactly this text. Returns true when the list changed. The shape is kept.</summary>
    public bool Remove(string value)
    {
        var removed = _items.RemoveAll(item => string.Equals(item.Text, value, StringComparison.Ordinal));
        return removed > 0;
    }

    /// <summary>A deep copy.</summary>
    public PolicyValueList Clone() => new(_items, IsArray);

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var item in _items)
        {
            yield return item.Text;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => IsArray ? "[" + string.Join(", ", this) + "]" : (_items.Count == 1 ? _items[0].Text : string.Empty);
}
