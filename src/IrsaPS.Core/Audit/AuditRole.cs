using System;
using System.Collections.Generic;
using System.Threading;
using IrsaPS.Core.Verification;

namespace IrsaPS.Core.Audit;

/// <summary>
/// One IAM role as the audit read it: identity and trust policy (ListRoles), and, when a check needs them, its permissions
/// boundary and attached and inline policies (GetAccountAuthorizationDetails). Those are null when they were not read
/// (which is different from "none").
/// </summary>
internal sealed class AuditRole
{
    public string Arn { get; init; } = string.Empty;

    public string RoleName { get; init; } = string.Empty;

    public string Path { get; init; } = "/";

    public DateTime? CreateDate { get; init; }

    /// <summary>The trust policy JSON, decoded.</summary>
    public string? TrustPolicy { get; init; }

    /// <summary>True when the boundary was read, so <see cref="PermissionsBoundaryArn"/> is known (null then means none).</summary>
    public bool PermissionsBoundaryKnown { get; init; }

    public string? PermissionsBoundaryArn { get; init; }

    /// <summary>The managed policies attached, or null when not read.</summary>
    public IReadOnlyList<string>? AttachedPolicyArns { get; init; }

    /// <summary>The inline policies, or null when not read.</summary>
    public IReadOnlyList<AuditInlinePolicy>? InlinePolicies { get; init; }

    /// <summary>True when RoleLastUsed was read (GetAccountAuthorizationDetails), so a null <see cref="LastUsed"/> means "never" (in IAM's 400 days).</summary>
    public bool LastUsedKnown { get; init; }

    /// <summary>IAM's RoleLastUsed date, when it has one.</summary>
    public DateTime? LastUsed { get; init; }

    /// <summary>IAM's RoleLastUsed region.</summary>
    public string? LastUsedRegion { get; init; }

    /// <summary>The trust parsed once, shared by the gatherer and the index.</summary>
    internal RoleTrust Trust => LazyInitializer.EnsureInitialized(ref _trust, () => new RoleTrust(Arn, RoleName, TrustPolicy))!;

    public override string ToString() => Arn;

    private RoleTrust? _trust;
}

/// <summary>An inline policy of a role: its name and document (JSON).</summary>
internal sealed record AuditInlinePolicy(string Name, string Document);
