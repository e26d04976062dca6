using System;
using System.Collections.Generic;
using System.Threading;
using IrsaPS.Core.Verification;

namespace IrsaPS.Core.Audit;

/// <summary>
/// One IAM role as the audit read it. ListRoles gives the identity and the trust policy; the permissions boundary
/// (GetRole) and the attached and inline policies are read only for the roles and checks that need them, and are null
/// when they were not read (which is different from "none").
/// </summary>
public sealed class AuditRole
{
    public string Arn { get; init; } = string.Empty;

    public string RoleName { get; init; } = string.Empty;

    public string Path { get; init; } = "/";

    public DateTime? CreateDate { get; init; }

    /// <summary>The trust policy JSON, decoded.</summary>
    public string? TrustPolicy { get; init; }

    /// <summary>True once GetRole was called, so <see cref="PermissionsBoundaryArn"/> is known (null then means none).</summary>
    public bool PermissionsBoundaryKnown { get; init; }

    public string? PermissionsBoundaryArn { get; init; }

    /// <summary>The managed policies attached, or null when not read.</summary>
    public IReadOnlyList<string>? AttachedPolicyArns { get; init; }

    /// <summary>The inline policies, or null when not read.</summary>
    public IReadOnlyList<AuditInlinePolicy>? InlinePolicies { get; init; }

    /// <summary>The trust parsed once, shared by the gatherer and the index.</summary>
    internal RoleTrust Trust => LazyInitializer.EnsureInitialized(ref _trust, () => new RoleTrust(Arn, RoleName, TrustPolicy))!;

    /// <summary>A copy with what GetRole and the policy listings added (the parsed trust is shared).</summary>
    internal AuditRole With(string? boundary, bool boundaryKnown, IReadOnlyList<string>? attached, IReadOnlyList<AuditInlinePolicy>? inline) => new()
    {
        Arn = Arn,
        RoleName = RoleName,
        Path = Path,
        CreateDate = CreateDate,
        TrustPolicy = TrustPolicy,
        PermissionsBoundaryKnown = boundaryKnown || PermissionsBoundaryKnown,
        PermissionsBoundaryArn = boundaryKnown ? boundary : PermissionsBoundaryArn,
        AttachedPolicyArns = attached ?? AttachedPolicyArns,
        InlinePolicies = inline ?? InlinePolicies,
        _trust = _trust,
    };

    public override string ToString() => Arn;

    private RoleTrust? _trust;
}

/// <summary>An inline policy of a role: its name and document (JSON).</summary>
public sealed record AuditInlinePolicy(string Name, string Document);
