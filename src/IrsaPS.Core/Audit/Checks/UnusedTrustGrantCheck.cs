using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA031: a service account a role's trust admits that never assumed the role in the CloudTrail window.</summary>
internal sealed class UnusedTrustGrantCheck : ActivityCheck
{
    public UnusedTrustGrantCheck()
        : base(new AuditCheckInfo(
            "IRSA031",
            "UnusedTrustGrant",
            IrsaSeverity.Low,
            "A trusted service account never assumed its role in the CloudTrail window",
            "For every service account (or StringLike pattern) of the audited cluster that an IRSA role's trust admits, CloudTrail's "
            + "AssumeRoleWithWebIdentity events of the window (-ActivityDays, default 30; LookupEvents in the audit's region) are searched "
            + "for a successful assumption of that role by it. None is a standing grant nobody needs: the trust still lets whoever runs a "
            + "pod under that service account take the role. Low; Info when the role was created inside the window (it has not been "
            + "watched for the whole window). Pods that call the global STS endpoint are recorded in us-east-1: audit from that region "
            + "too when workloads do that. Opt-in (-IncludeCloudTrail or -Check), as it reads CloudTrail at 2 requests per second.",
            "Confirm with Get-IrsaRoleActivity -RoleName <role> -Days 90 (or the trail's files with -Path), then remove the grant: "
            + "Remove-IrsaRoleTrust -RoleName <role> -ClusterName <cluster> -ServiceAccountName <namespace>/<name>.",
            inDefaultSet: false,
            AuditNeeds.Roles | AuditNeeds.CloudTrailActivity))
    {
    }

    protected override IEnumerable<IrsaFinding> RunOnActivity(AuditContext context)
    {
        var issuer = context.Index.ClusterIssuer!;
        var window = context.Snapshot.ActivityWindow!;
        var byRole = EntriesByRole(context);
        foreach (var entry in context.Index.ClusterRoles)
        {
            var used = byRole[entry.Role.Arn].Where(e => e.AssumeCount > 0).ToList();
            var subjects = (entry.Trust.Report?.Subjects ?? []).Where(s => s.Issuer.Equals(issuer)).GroupBy(s => s.SubjectValue, StringComparer.Ordinal).Select(g => g.First());
            foreach (var subject in subjects)
            {
                var value = subject.SubjectValue;
                if (used.Any(e => subject.IsPattern ? WildcardMatcher.IsMatch(e.Subject, value, ignoreCase: false) : string.Equals(e.Subject, value, StringComparison.Ordinal)))
                {
                    continue;
                }

                var young = entry.Role.CreateDate is { } created && created.ToUniversalTime() > window.Start;
                var who = subject.IsPattern ? $"the service accounts matching {subject.Namespace}/{subject.ServiceAccountName}" : $"{subject.Namespace}/{subject.ServiceAccountName}";
                yield return Finding(
                    context,
                    young ? IrsaSeverity.Info : IrsaSeverity.Low,
                    entry.Role.Arn,
                    value,
                    $"The trust of {entry.Role.RoleName} admits {who} of cluster {context.ClusterName}, but CloudTrail recorded no assumption of the role by {(subject.IsPattern ? "any of them" : "it")} in the last {Days(context)} days{(young ? " (the role was created inside that window)" : string.Empty)}: a standing grant nobody used.",
                    subject.IsPattern
                        ? $"Replace the pattern with the service accounts that need the role: Remove-IrsaRoleTrust -RoleName {entry.Role.RoleName} -ClusterName {context.ClusterName} -ServiceAccountName '{subject.Namespace}/{subject.ServiceAccountName}' -AllowWildcard, then Add-IrsaRoleTrust for each."
                        : $"Remove-IrsaRoleTrust -RoleName {entry.Role.RoleName} -ClusterName {context.ClusterName} -ServiceAccountName {subject.Namespace}/{subject.ServiceAccountName}",
                    entry,
                    subject.IsPattern ? null : ServiceAccountOf(context, value),
                    new Dictionary<string, string>
                    {
                        ["Subject"] = value,
                        ["IsPattern"] = subject.IsPattern ? "true" : "false",
                        ["ActivityDays"] = Days(context),
                        ["WindowStart"] = window.Start.ToString("o", CultureInfo.InvariantCulture),
                    });
            }
        }
    }
}
