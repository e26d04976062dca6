using System;

namespace IrsaPS.Core.Policy;

/// <summary>How a scalar was written in the JSON: IAM accepts condition values as strings, booleans or numbers.</summary>
internal enum PolicyScalarKind
{
    String,
    Boolean,
    Number,
}

/// <summary>
/// One value of a policy element (an action, a principal, a condition value). <see cref="Text"/> is what IAM
/// compares (booleans as <c>true</c>/<c>false</c>, numbers as written); <see cref="Kind"/> keeps how the value
/// was written so that an unchanged document serializes back exactly.
/// </summary>
internal readonly struct PolicyScalar : IEquatable<PolicyScalar>
{
    public PolicyScalar(string text, PolicyScalarKind kind = PolicyScalarKind.String)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Kind = kind;
    }

    /// <summary>The value as text (what IAM compares).</summary>
    public string Text { get; }

    /// <summary>How the value was written.</summary>
    public PolicyScalarKind Kind { get; }

    public static implicit operator PolicyScalar(string text) => new(text);

    public static PolicyScalar FromBoolean(bool value) => new(value ? "true" : "false", PolicyScalarKind.Boolean);

    public bool Equals(PolicyScalar other) => Kind == other.Kind && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is PolicyScalar other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text ?? string.Empty) ^ (int)Kind;

    public static bool operator ==(PolicyScalar left, PolicyScalar right) => left.Equals(right);

    public static bool operator !=(PolicyScalar left, PolicyScalar right) => !left.Equals(right);

    public override string ToString() => Text;
}
