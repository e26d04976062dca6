using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy;

/// <summary>
/// A statement's <c>Condition</c> element: condition operators (in written order), each with condition keys and
/// their values. Operators are ANDed, keys within an operator are ANDed, the values of one key are ORed (NORed for
/// negated operators). Keys are compared case-insensitively, as IAM does.
/// </summary>
internal sealed class PolicyCondition
{
    /// <summary>The operator blocks in written order.</summary>
    public List<ConditionBlock> Blocks { get; } = [];

    /// <summary>The first block whose operator is exactly <paramref name="conditionOperator"/> (ordinal), or null.</summary>
    public ConditionBlock? Find(string conditionOperator)
    {
        foreach (var block in Blocks)
        {
            if (string.Equals(block.Operator, conditionOperator, StringComparison.Ordinal))
            {
                return block;
            }
        }

        return null;
    }

    /// <summary>Every (operator, entry) pair, in written order.</summary>
    public IEnumerable<(ConditionBlock Block, ConditionEntry Entry)> AllEntries()
    {
        foreach (var block in Blocks)
        {
            foreach (var entry in block.Entries)
            {
                yield return (block, entry);
            }
        }
    }

    /// <summary>A deep copy.</summary>
    public PolicyCondition Clone()
    {
        var copy = new PolicyCondition();
        foreach (var block in Blocks)
        {
            copy.Blocks.Add(block.Clone());
        }

        return copy;
    }
}

/// <summary>One condition operator (e.g. <c>StringEquals</c>, <c>ForAnyValue:StringLike</c>) and its keys.</summary>
internal sealed class ConditionBlock
{
    public ConditionBlock(string conditionOperator)
    {
        Operator = conditionOperator ?? throw new ArgumentNullException(nameof(conditionOperator));
    }

    /// <summary>The operator as written.</summary>
    public string Operator { get; }

    /// <summary>The keys in written order.</summary>
    public List<ConditionEntry> Entries { get; } = [];

    /// <summary>The first entry whose key equals <paramref name="key"/> case-insensitively, or null.</summary>
    public ConditionEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>A deep copy.</summary>
    public ConditionBlock Clone()
    {
        var copy = new ConditionBlock(Operator);
        foreach (var entry in Entries)
        {
            copy.Entries.Add(new ConditionEntry(entry.Key, entry.Values.Clone()));
        }

        return copy;
    }
}

/// <summary>One condition key and its values, e.g. <c>"oidc.eks.../id/X:sub": "system:serviceaccount:web:app"</c>.</summary>
internal sealed class ConditionEntry
{
    public ConditionEntry(string key, PolicyValueList values)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
        Values = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <summary>The key as written (IAM compares keys case-insensitively).</summary>
    public string Key { get; }

    /// <summary>The values (compared as the operator says).</summary>
    public PolicyValueList Values { get; }
}
