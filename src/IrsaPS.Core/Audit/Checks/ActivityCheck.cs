using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Activity;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>
/// The base of the CloudTrail checks (IRSA031-IRSA033): what CloudTrail recorded for the cluster's IRSA roles
/// (<see cref="AuditSnapshot.Activity"/>), and one Info finding instead of guesses when CloudTrail could not be read.
/// </summary>
internal abstract class ActivityCheck : AuditCheck
{
    protected ActivityCheck(AuditCheckInfo info)
        : base(info)
    {
    }

    public sealed override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        if (!context.Has(Info.Needs) || context.Snapshot.ActivityWindow is null || context.Index.ClusterIssuer is null)
        {
            return [];
        }

        if (context.Snapshot.ActivityUnavailable is { } why)
        {
            return
            [
                Finding(
                    context,
                    IrsaSeverity.Info,
                    context.ClusterName,
                    "cloudtrail-unavailable",
                    $"{Info.Id} was not checked: CloudTrail could not be read whole ({why}).",
                    "Give the audit's identity cloudtrail:LookupEvents in the cluster's region, and run the audit again (it keeps to CloudTrail's 2 LookupEvents per second)."),
            ];
        }

        return RunOnActivity(context);
    }

    protected abstract IEnumerable<IrsaFinding> RunOnActivity(AuditContext context);

    /// <summary>The window's length in whole days, for messages.</summary>
    protected static string Days(AuditContext context)
    {
        var window = context.Snapshot.ActivityWindow!;
        return Math.Round((window.End - window.Start).TotalDays).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The audited cluster's entries per role ARN (case-insensitive).</summary>
    protected static ILookup<string, ActivityEntry> EntriesByRole(AuditContext context) =>
        context.Snapshot.Activity
            .Where(e => string.Equals(e.IssuerHostPath, context.Index.ClusterIssuer!.HostPath, StringComparison.OrdinalIgnoreCase))
            .ToLookup(e => e.RoleArn, StringComparer.OrdinalIgnoreCase);

    /// <summary>A service account for a finding's pipeline keys: the cluster's, or one built from the subject when it is gone.</summary>
    protected static KubeServiceAccount? ServiceAccountOf(AuditContext context, string subject)
    {
        if (!IrsaSubject.TryParseSubjectValue(subject, out var ns, out var name))
        {
            return null;
        }

        return context.Index.FindServiceAccount(ns, name) ?? new KubeServiceAccount { Namespace = ns, Name = name };
    }

    /// <summary>Whether the role's trust admits a token of this entry (IAM's evaluation); null when it cannot be judged.</summary>
    protected static bool? Admits(AuditRoleEntry role, ActivityEntry entry)
    {
        var compiled = role.Trust.Compiled;
        if (compiled is null || !entry.IdentityProvider.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return compiled.Decide(new WebIdentityRequest(entry.IdentityProvider, entry.Subject, [entry.Audience ?? IrsaSubject.DefaultAudience])) switch
            {
                TrustDecision.Allowed => true,
                TrustDecision.Undetermined => null,
                _ => false,
            };
        }
        catch (Errors.IrsaException)
        {
            return null;
        }
    }

    protected static string Time(DateTime? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";
}
