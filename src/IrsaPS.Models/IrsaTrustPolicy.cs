using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>A trust policy built offline by New-IrsaTrustPolicy.</summary>
public sealed class IrsaTrustPolicy
{
    /// <summary>Indented JSON, ready for a file or the console.</summary>
    public string Json { get; init; } = string.Empty;

    /// <summary>Compact JSON, what IAM receives.</summary>
    public string CompactJson { get; init; } = string.Empty;

    /// <summary>The characters IAM counts against the quota.</summary>
    public int Size { get; init; }

    /// <summary>The quota the size was checked against.</summary>
    public int SizeLimit { get; init; }

    public IReadOnlyList<IrsaRoleSubject> Subjects { get; init; } = [];

    public override string ToString() => Json;
}
