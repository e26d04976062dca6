using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>
/// What CloudTrail says about one IAM role and one web identity (service account) in a time window: its
/// <c>sts:AssumeRoleWithWebIdentity</c> calls, successful and refused, joined to the role's trust and to the cluster whose
/// OIDC issuer signed the token. A trusted service account that never assumed the role in the window appears with an
/// <see cref="AssumeCount"/> of 0. <see cref="RoleName"/>, <see cref="RoleArn"/>, <see cref="ClusterName"/>,
/// <see cref="Namespace"/> and <see cref="ServiceAccountName"/> are the pipeline keys.
/// </summary>
public sealed class IrsaRoleActivity
{
    public string RoleName { get; init; } = string.Empty;

    public string RoleArn { get; init; } = string.Empty;

    /// <summary>The EKS cluster whose issuer signed the tokens, when known.</summary>
    public string? ClusterName { get; init; }

    /// <summary>The service account's namespace (null when the subject is not a Kubernetes service account).</summary>
    public string? Namespace { get; init; }

    public string? ServiceAccountName { get; init; }

    /// <summary>The token's <c>sub</c> (CloudTrail's <c>userIdentity.userName</c>), e.g. <c>system:serviceaccount:web:app</c>.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>The OIDC issuer (host and path) that signed the tokens.</summary>
    public string? Issuer { get; init; }

    /// <summary>True when the role's trust policy admits this subject; false when it does not; null when it could not be judged.</summary>
    public bool? Trusted { get; init; }

    /// <summary>Successful assumptions in the window.</summary>
    public long AssumeCount { get; init; }

    public DateTimeOffset? FirstAssumed { get; init; }

    public DateTimeOffset? LastAssumed { get; init; }

    /// <summary>Refused attempts in the window (any errorCode).</summary>
    public long RefusedCount { get; init; }

    /// <summary>How many refused attempts had each error code (<c>AccessDenied</c>, <c>InvalidIdentityToken</c>...).</summary>
    public IReadOnlyDictionary<string, long> RefusedErrorCodes { get; init; } = new Dictionary<string, long>();

    public DateTimeOffset? LastRefused { get; init; }

    /// <summary>The distinct source IP addresses of the calls (at most <see cref="DistinctValueLimit"/>, sorted).</summary>
    public IReadOnlyList<string> SourceAddresses { get; init; } = [];

    /// <summary>The distinct user agents of the calls (at most <see cref="DistinctValueLimit"/>, sorted).</summary>
    public IReadOnlyList<string> UserAgents { get; init; } = [];

    /// <summary>True when more distinct addresses or user agents were seen than the lists keep.</summary>
    public bool DistinctValuesTruncated { get; init; }

    /// <summary>How many distinct values each list keeps.</summary>
    public int DistinctValueLimit { get; init; }

    /// <summary>The regions the events were recorded in (the regions of the STS endpoints called).</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>IAM's RoleLastUsed date for the role (any use, not only this subject's; IAM tracks the last 400 days).</summary>
    public DateTimeOffset? RoleLastUsed { get; init; }

    public string? RoleLastUsedRegion { get; init; }

    public DateTimeOffset WindowStart { get; init; }

    public DateTimeOffset WindowEnd { get; init; }

    /// <summary><c>LookupEvents</c> or <c>TrailFiles</c>.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>False when the read was stopped (Ctrl+C) or failed part-way: the counts cover only what was read.</summary>
    public bool Complete { get; init; } = true;

    public override string ToString() => RoleName + " " + Subject;
}
