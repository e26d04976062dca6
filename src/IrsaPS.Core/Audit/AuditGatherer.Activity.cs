using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Activity;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Audit;

/// <summary>The CloudTrail part of the snapshot, for IRSA031-IRSA033 (read only when one of them runs).</summary>
internal sealed partial class AuditGatherer
{
    /// <summary>
    /// The AssumeRoleWithWebIdentity events of the roles that trust the audited cluster's issuer, over the last
    /// <see cref="AuditOptions.ActivityDays"/> days, from LookupEvents in the audit's region (one EventName scan, or
    /// ResourceName for a single role; see <see cref="LookupEventsActivityReader"/>). A refusal or failure of CloudTrail
    /// does not stop the audit: the reason goes to <see cref="AuditSnapshot.ActivityUnavailable"/>.
    /// </summary>
    private async Task<(IReadOnlyList<ActivityEntry> Entries, ActivityWindow? Window, string? Unavailable)> ReadActivityAsync(
        AuditClusterInfo cluster, IReadOnlyList<AuditRole> roles, AuditOptions options, CancellationToken cancellationToken)
    {
        var window = ActivityWindow.Resolve(options.ActivityDays, null, null, lookupEvents: true, DateTime.UtcNow);
        if (!OidcIssuer.TryParse(cluster.Issuer, out var issuer))
        {
            return ([], window, null);
        }

        var arns = roles
            .Where(r => (r.Trust.Report?.Grants ?? []).Any(g => g.Effect == PolicyEffect.Allow && g.AllowsWebIdentity && !g.PrincipalIsNegated && g.Issuers.Contains(issuer)))
            .Select(r => r.Arn)
            .ToList();
        if (arns.Count == 0)
        {
            return ([], window, null);
        }

        var aggregator = new ActivityAggregator(window, arns);
        try
        {
            var read = await LookupEventsActivityReader.ReadAsync(_aws, [_aws.Region], aggregator, arns, ActivityLookupStrategy.Auto, _host, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return (aggregator.Entries, window, read.Complete ? null : read.StopReason);
        }
        catch (AwsServiceException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (aggregator.Entries, window, $"CloudTrail LookupEvents in {_aws.Region} failed ({ex.AwsErrorCode ?? ex.ErrorId}): {ex.Message}");
        }
    }
}
