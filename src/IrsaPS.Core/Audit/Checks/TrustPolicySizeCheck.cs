using System.Collections.Generic;
using System.Globalization;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA009: a trust policy near or over the size quota (80% / 100% of 2,048 and 4,096).</summary>
internal sealed class TrustPolicySizeCheck : AuditCheck
{
    /// <summary>80% of 2,048, rounded up.</summary>
    public const int DefaultWarning = 1639;

    /// <summary>80% of 4,096, rounded up.</summary>
    public const int MaximumWarning = 3277;

    public TrustPolicySizeCheck()
        : base(new AuditCheckInfo(
            "IRSA009",
            "TrustPolicySize",
            IrsaSeverity.Low,
            "Trust policy near or over the size quota",
            "IAM limits a role's trust policy to 2,048 characters (not counting whitespace) by default, raisable to at most 4,096. Low at 80% "
            + "of 2,048 (1,639): the next few service accounts will not fit. Medium over 2,048: it only fits because the account's quota was "
            + "raised, and copying the role to another account fails. High at 80% of 4,096 (3,277): close to the hard maximum, nothing can raise it.",
            "Trust fewer service accounts per role (one role per workload), or use patterns with care; remove stale clusters from the trust.",
            inDefaultSet: true,
            AuditNeeds.Roles))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var entry in context.Index.IrsaRoles)
        {
            if (string.IsNullOrEmpty(entry.Role.TrustPolicy))
            {
                continue;
            }

            var size = TrustPolicySize.Measure(entry.Role.TrustPolicy!);
            IrsaSeverity severity;
            string state;
            if (size >= MaximumWarning)
            {
                severity = IrsaSeverity.High;
                state = $"at least 80% of the hard maximum of {N(TrustPolicySize.MaximumLimit)}";
            }
            else if (size > TrustPolicySize.DefaultLimit)
            {
                severity = IrsaSeverity.Medium;
                state = $"over the default quota of {N(TrustPolicySize.DefaultLimit)} (the account's quota must have been raised; the same trust fails in an account where it was not)";
            }
            else if (size >= DefaultWarning)
            {
                severity = IrsaSeverity.Low;
                state = $"{(size * 100 / TrustPolicySize.DefaultLimit).ToString(CultureInfo.InvariantCulture)}% of the default quota of {N(TrustPolicySize.DefaultLimit)}";
            }
            else
            {
                continue;
            }

            yield return Finding(
                context,
                severity,
                entry.Role.Arn,
                severity.ToString(),
                $"The trust policy of {entry.Role.RoleName} is {N(size)} characters long (as IAM counts them, without whitespace): {state}.",
                $"Split the service accounts of {entry.Role.RoleName} over several roles (one per workload), and remove stale clusters from its trust.",
                entry,
                properties: new Dictionary<string, string> { ["Size"] = size.ToString(CultureInfo.InvariantCulture) });
        }
    }
}
