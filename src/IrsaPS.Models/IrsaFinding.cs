using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>
/// One problem the audit found: which check (<see cref="CheckId"/> like <c>IRSA007</c>, stable), how bad, on which
/// resource (an ARN or <c>namespace/name</c>), what is wrong and how to fix it. The identity properties
/// (<see cref="ClusterName"/>, <see cref="RoleName"/>, <see cref="RoleArn"/>, <see cref="Namespace"/>,
/// <see cref="ServiceAccountName"/>) are filled where they apply, so findings pipe into the other cmdlets.
/// </summary>
public sealed class IrsaFinding
{
    /// <summary><c>IRSA001</c>..<c>IRSA016</c>: stable, what CI suppressions and SARIF rules key on.</summary>
    public string CheckId { get; init; } = string.Empty;

    /// <summary>The check's name, e.g. <c>TrustWithoutSubject</c>.</summary>
    public string CheckName { get; init; } = string.Empty;

    public IrsaSeverity Severity { get; init; }

    /// <summary>The ARN or <c>namespace/name</c> (or <c>namespace/Kind/name</c> for a workload) the finding is about.</summary>
    public string Resource { get; init; } = string.Empty;

    /// <summary>What is wrong, in one or two sentences, with the facts that prove it.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>How to fix it: concrete commands where possible.</summary>
    public string Remediation { get; init; } = string.Empty;

    public string? ClusterName { get; init; }

    public string? RoleArn { get; init; }

    public string? RoleName { get; init; }

    public string? Namespace { get; init; }

    public string? ServiceAccountName { get; init; }

    /// <summary>
    /// A stable identity for this finding across runs (hex SHA-256 prefix of check id, resource and what exactly is
    /// wrong), used for SARIF <c>partialFingerprints</c> and suppressions. Does not change when the message wording does.
    /// </summary>
    public string Fingerprint { get; init; } = string.Empty;

    /// <summary>Extra facts as name/value pairs (e.g. <c>MatchingServiceAccounts</c>, <c>Size</c>); written to SARIF result properties.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public override string ToString() => $"{CheckId} {Severity} {Resource}: {Message}";
}
