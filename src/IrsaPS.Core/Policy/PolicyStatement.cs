using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy;

/// <summary>
/// One statement of a policy document. Every IAM element is modelled; any other field is kept in
/// <see cref="ExtraFields"/>. The written field order is remembered and reused when the statement is serialized;
/// fields that were not in the original are written after it in the canonical order
/// (Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition).
/// </summary>
internal sealed class PolicyStatement
{
    public PolicyStatement(PolicyEffect effect)
    {
        Effect = effect;
    }

    public string? Sid { get; set; }

    public PolicyEffect Effect { get; set; }

    public PolicyPrincipal? Principal { get; set; }

    public PolicyPrincipal? NotPrincipal { get; set; }

    public PolicyValueList? Action { get; set; }

    public PolicyValueList? NotAction { get; set; }

    public PolicyValueList? Resource { get; set; }

    public PolicyValueList? NotResource { get; set; }

    public PolicyCondition? Condition { get; set; }

    /// <summary>Fields IAM does not define, kept as written.</summary>
    public List<PolicyExtraField> ExtraFields { get; } = [];

    /// <summary>The field names in the order they were read (known and extra).</summary>
    internal List<string> FieldOrder { get; } = [];

    /// <summary>A deep copy (same field order, same shapes).</summary>
    public PolicyStatement Clone()
    {
        var copy = new PolicyStatement(Effect)
        {
            Sid = Sid,
            Principal = Principal?.Clone(),
            NotPrincipal = NotPrincipal?.Clone(),
            Action = Action?.Clone(),
            NotAction = NotAction?.Clone(),
            Resource = Resource?.Clone(),
            NotResource = NotResource?.Clone(),
            Condition = Condition?.Clone(),
        };
        copy.ExtraFields.AddRange(ExtraFields);
        copy.FieldOrder.AddRange(FieldOrder);
        return copy;
    }

    /// <summary>A short human description: <c>#2 (Sid "x", Allow)</c>.</summary>
    internal string Describe(int index) =>
        string.IsNullOrEmpty(Sid)
            ? $"statement {index} ({Effect})"
            : $"statement {index} (Sid \"{Sid}\", {Effect})";

    internal static string EffectText(PolicyEffect effect) => effect switch
    {
        PolicyEffect.Allow => "Allow",
        PolicyEffect.Deny => "Deny",
        _ => throw new ArgumentOutOfRangeException(nameof(effect)),
    };
}
