using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>
/// An IAM role that trusts (or should trust) EKS service accounts. <see cref="ClusterName"/>, <see cref="Namespace"/>
/// and <see cref="ServiceAccountName"/> name the service account this object is about, so it pipes into
/// Set-IrsaServiceAccount and Test-IrsaTrust; <see cref="Subjects"/> lists everything the trust admits.
/// </summary>
public sealed class IrsaRole
{
    public string RoleName { get; init; } = string.Empty;

    public string RoleArn { get; init; } = string.Empty;

    public string Path { get; init; } = "/";

    public string? RoleId { get; init; }

    public string? Description { get; init; }

    public int? MaxSessionDuration { get; init; }

    public string? PermissionsBoundary { get; init; }

    public DateTimeOffset? CreateDate { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Managed policies attached (null when not read, e.g. in a Get-IrsaRole listing).</summary>
    public IReadOnlyList<string>? AttachedPolicyArns { get; init; }

    /// <summary>Inline policy names (null when not read).</summary>
    public IReadOnlyList<string>? InlinePolicyNames { get; init; }

    /// <summary>The trust policy, compact JSON, as IAM holds it.</summary>
    public string TrustPolicy { get; init; } = string.Empty;

    /// <summary>The characters IAM counts against the trust-policy quota.</summary>
    public int TrustPolicySize { get; init; }

    /// <summary>Every service account (or pattern) the trust admits, across clusters.</summary>
    public IReadOnlyList<IrsaRoleSubject> Subjects { get; init; } = [];

    /// <summary>The cluster this object is about (pipeline key).</summary>
    public string? ClusterName { get; init; }

    /// <summary>The namespace of the service account this object is about (pipeline key).</summary>
    public string? Namespace { get; init; }

    /// <summary>The service account this object is about (pipeline key).</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>The audience the service account's tokens carry.</summary>
    public string? Audience { get; init; }

    /// <summary>True when this call created the role.</summary>
    public bool Created { get; init; }

    /// <summary>The writes this call planned, and whether each was applied.</summary>
    public IReadOnlyList<IrsaChange> Changes { get; init; } = [];

    public override string ToString() => RoleArn;
}
