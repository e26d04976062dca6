using System;
using System.Collections.Generic;
using IrsaPS.Core.Audit.Checks;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit;

/// <summary>
/// What an audit found: the findings in a deterministic order (check id, resource, fingerprint), the checks that ran,
/// and what was read. <see cref="HasFindingsAtOrAbove"/> is -FailOn's test; the cmdlet turns it into a terminating
/// error after writing its output.
/// </summary>
public sealed class AuditResult
{
    public string ClusterName { get; init; } = string.Empty;

    public IReadOnlyList<IrsaFinding> Findings { get; init; } = [];

    /// <summary>The checks that ran, in id order.</summary>
    internal IReadOnlyList<AuditCheckInfo> Checks { get; init; } = [];

    internal AuditStatistics Statistics { get; init; } = new();

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>The most severe finding's severity, or null when there are none.</summary>
    public IrsaSeverity? HighestSeverity
    {
        get
        {
            IrsaSeverity? highest = null;
            foreach (var finding in Findings)
            {
                if (highest is null || finding.Severity > highest)
                {
                    highest = finding.Severity;
                }
            }

            return highest;
        }
    }

    /// <summary>True when some finding is at least <paramref name="severity"/> (-FailOn).</summary>
    public bool HasFindingsAtOrAbove(IrsaSeverity severity)
    {
        foreach (var finding in Findings)
        {
            if (finding.Severity >= severity)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The findings of one check.</summary>
    public IReadOnlyList<IrsaFinding> FindingsOf(string checkId)
    {
        var list = new List<IrsaFinding>();
        foreach (var finding in Findings)
        {
            if (string.Equals(finding.CheckId, checkId, StringComparison.Ordinal))
            {
                list.Add(finding);
            }
        }

        return list;
    }
}

/// <summary>What the audit read.</summary>
internal sealed class AuditStatistics
{
    public int Roles { get; init; }

    /// <summary>Roles whose trust admits the audited cluster's issuer.</summary>
    public int ClusterRoles { get; init; }

    public int OidcProviders { get; init; }

    public int ServiceAccounts { get; init; }

    public int AnnotatedServiceAccounts { get; init; }

    public int PodsListed { get; init; }

    /// <summary>Pods kept for the checks (those of annotated service accounts).</summary>
    public int PodsExamined { get; init; }

    /// <summary>Nodes listed for IRSA011's IMDS half (0 when it had no pod to judge).</summary>
    public int NodesListed { get; init; }

    /// <summary>EC2 instances whose metadata options were read (DescribeInstances).</summary>
    public int Instances { get; init; }
}
