using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Activity;

/// <summary>
/// Joins what CloudTrail said (<see cref="ActivityEntry"/>) to the roles it concerns: one row per (role, subject,
/// issuer) seen, plus one row with no assumptions for each exact subject a role's trust admits that was not seen
/// (a grant nobody used in the window). Each row says whether the trust admits the subject (IAM's evaluation of the
/// trust for that provider, sub and aud), which cluster the issuer belongs to, and the role's RoleLastUsed.
/// </summary>
internal static class RoleActivityRows
{
    public static List<IrsaRoleActivity> Build(
        IReadOnlyList<ActivityRole> roles,
        IReadOnlyList<ActivityEntry> entries,
        IReadOnlyDictionary<string, string> clusterByIssuer,
        string partition,
        string accountId,
        ActivityWindow window,
        ActivityReadResult read,
        int distinctValueLimit,
        string? namespaceFilter,
        string? serviceAccountFilter)
    {
        var byRole = entries.ToLookup(e => e.RoleArn, StringComparer.OrdinalIgnoreCase);
        var rows = new List<IrsaRoleActivity>();
        foreach (var role in roles)
        {
            var seen = new HashSet<(string Subject, string Issuer)>();
            foreach (var entry in byRole[role.Arn])
            {
                seen.Add((entry.Subject, entry.IssuerHostPath.ToLowerInvariant()));
                rows.Add(Row(role, entry, clusterByIssuer, partition, accountId, window, read, distinctValueLimit));
            }

            foreach (var subject in role.Trust.Report?.Subjects ?? [])
            {
                if (subject.IsPattern || !seen.Add((subject.SubjectValue, subject.Issuer.HostPath.ToLowerInvariant())))
                {
                    continue;
                }

                rows.Add(new IrsaRoleActivity
                {
                    RoleName = role.Name,
                    RoleArn = role.Arn,
                    ClusterName = clusterByIssuer.TryGetValue(subject.Issuer.HostPath, out var cluster) ? cluster : null,
                    Namespace = subject.Namespace,
                    ServiceAccountName = subject.ServiceAccountName,
                    Subject = subject.SubjectValue,
                    Issuer = subject.Issuer.HostPath,
                    Trusted = true,
                    DistinctValueLimit = distinctValueLimit,
                    RoleLastUsed = Utc(role.LastUsed),
                    RoleLastUsedRegion = role.LastUsedRegion,
                    WindowStart = Utc(window.Start)!.Value,
                    WindowEnd = Utc(window.End)!.Value,
                    Source = read.Source,
                    Complete = read.Complete,
                });
            }
        }

        return rows
            .Where(r => (namespaceFilter is null || string.Equals(r.Namespace, namespaceFilter, StringComparison.Ordinal))
                && (serviceAccountFilter is null || string.Equals(r.ServiceAccountName, serviceAccountFilter, StringComparison.Ordinal)))
            .OrderBy(r => r.RoleName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Namespace ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(r => r.ServiceAccountName ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(r => r.Subject, StringComparer.Ordinal)
            .ThenBy(r => r.Issuer ?? string.Empty, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether the role's trust admits a token from this provider with this sub and aud; null when it cannot be judged.</summary>
    public static bool? Admits(ActivityRole role, string identityProvider, string issuerHostPath, string subject, string? audience, string partition, string accountId)
    {
        var compiled = role.Trust.Compiled;
        if (compiled is null || string.IsNullOrEmpty(subject))
        {
            return null;
        }

        var provider = identityProvider.StartsWith("arn:", StringComparison.Ordinal) ? identityProvider : $"arn:{partition}:iam::{accountId}:oidc-provider/{issuerHostPath}";
        try
        {
            var decision = compiled.Decide(new WebIdentityRequest(provider, subject, [audience ?? IrsaSubject.DefaultAudience]));
            return decision switch
            {
                TrustDecision.Allowed => true,
                TrustDecision.ExplicitDeny or TrustDecision.ImplicitDeny => false,
                _ => null,
            };
        }
        catch (Errors.IrsaException)
        {
            return null;
        }
    }

    private static IrsaRoleActivity Row(ActivityRole role, ActivityEntry entry, IReadOnlyDictionary<string, string> clusterByIssuer, string partition, string accountId, ActivityWindow window, ActivityReadResult read, int limit)
    {
        string? ns = null, name = null;
        if (IrsaSubject.TryParseSubjectValue(entry.Subject, out var parsedNamespace, out var parsedName))
        {
            ns = parsedNamespace;
            name = parsedName;
        }

        return new IrsaRoleActivity
        {
            RoleName = role.Name,
            RoleArn = role.Arn,
            ClusterName = clusterByIssuer.TryGetValue(entry.IssuerHostPath, out var cluster) ? cluster : null,
            Namespace = ns,
            ServiceAccountName = name,
            Subject = entry.Subject,
            Issuer = entry.IssuerHostPath,
            Trusted = Admits(role, entry.IdentityProvider, entry.IssuerHostPath, entry.Subject, entry.Audience, partition, accountId),
            AssumeCount = entry.AssumeCount,
            FirstAssumed = Utc(entry.FirstAssumed),
            LastAssumed = Utc(entry.LastAssumed),
            RefusedCount = entry.RefusedCount,
            RefusedErrorCodes = new Dictionary<string, long>(entry.ErrorCodes, StringComparer.Ordinal),
            LastRefused = Utc(entry.LastRefused),
            SourceAddresses = entry.SourceAddresses.ToList(),
            UserAgents = entry.UserAgents.ToList(),
            DistinctValuesTruncated = entry.Truncated,
            DistinctValueLimit = limit,
            Regions = entry.Regions.ToList(),
            RoleLastUsed = Utc(role.LastUsed),
            RoleLastUsedRegion = role.LastUsedRegion,
            WindowStart = Utc(window.Start)!.Value,
            WindowEnd = Utc(window.End)!.Value,
            Source = read.Source,
            Complete = read.Complete,
        };
    }

    internal static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc)) : null;
}
