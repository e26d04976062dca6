using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Verification;

/// <summary>
/// Turns the engine's evaluation into reasons people can act on. For an implicit deny it finds the Allow statement
/// that came closest (trusts the provider, allows the action, fewest failing conditions) and names what failed in
/// IRSA terms: the subject, the audience, an operator that excludes, a StringEquals wildcard that never matches.
/// For an allowed trust it adds notes (no audience condition, admitted only by a pattern).
/// </summary>
internal static class TrustDenialDiagnosis
{
    public static IEnumerable<IrsaTrustReason> Explain(TrustTarget target, RoleTrust role, TrustEvaluation evaluation)
    {
        switch (evaluation.Decision)
        {
            case TrustDecision.Allowed:
                return NotesOnAllowed(target, evaluation.DecidingStatement!);
            case TrustDecision.ExplicitDeny:
                return [ExplicitDeny(target, role, evaluation.DecidingStatement!)];
            case TrustDecision.Undetermined:
                return [Undetermined(evaluation.DecidingStatement!)];
            default:
                return ImplicitDeny(target, role, evaluation);
        }
    }

    private static List<IrsaTrustReason> NotesOnAllowed(TrustTarget target, StatementEvaluation deciding)
    {
        var issuer = target.Cluster.Issuer!;
        var notes = new List<IrsaTrustReason>();
        if (!deciding.Checks.Any(c => c.Element == TrustElement.Condition && KeyIs(c.Key, issuer.AudKey)))
        {
            notes.Add(new IrsaTrustReason(
                TrustReasonCodes.AudienceNotRestricted,
                IrsaTrustReasonKind.Note,
                $"{deciding.Name} has no {issuer.AudKey} condition: a token of this service account minted for any audience the provider lists is accepted.",
                $"Add the audience to the trust (New-IrsaTrustPolicy writes '{issuer.AudKey}': '{target.Audience}'), e.g. by re-adding the subject: {FixCommands.AddRoleTrust(target.Role!.Name, target.Cluster.ClusterName, target.Namespace, target.ServiceAccountName)}"));
        }

        foreach (var check in deciding.Checks)
        {
            if (check.Element == TrustElement.Condition && KeyIs(check.Key, issuer.SubKey) && IsPositiveLike(check.Operator)
                && check.Expected.Any(WildcardMatcher.HasWildcard))
            {
                notes.Add(new IrsaTrustReason(
                    TrustReasonCodes.SubjectMatchedByPattern,
                    IrsaTrustReasonKind.Note,
                    $"The subject is admitted by the pattern {Join(check.Expected)} ({check.Operator}), which also admits every other service account it matches.",
                    $"Trust the exact service account instead: {FixCommands.AddRoleTrust(target.Role!.Name, target.Cluster.ClusterName, target.Namespace, target.ServiceAccountName)}, then remove the pattern."));
            }
        }

        return notes;
    }

    private static IrsaTrustReason ExplicitDeny(TrustTarget target, RoleTrust role, StatementEvaluation deny)
    {
        var matched = deny.Checks.Where(c => c.Element == TrustElement.Condition).Select(c => c.Reason).ToList();
        var why = matched.Count == 0 ? string.Empty : " (" + string.Join("; ", matched) + ")";
        return new IrsaTrustReason(
            TrustReasonCodes.ExplicitDeny,
            IrsaTrustReasonKind.Failure,
            $"{deny.Name} denies sts:AssumeRoleWithWebIdentity to {target.ShortSubject}{why}. A Deny always wins over any Allow.",
            $"Remove or narrow that Deny statement in the trust policy of {role.RoleName} (Add-IrsaRoleTrust never changes Deny statements): {FixCommands.UpdateTrust(role.RoleName)}");
    }

    private static IrsaTrustReason Undetermined(StatementEvaluation statement)
    {
        var unknown = statement.Checks.Where(c => c.Passed is null).Select(c => c.Reason).ToList();
        return new IrsaTrustReason(
            TrustReasonCodes.ConditionNotEvaluable,
            IrsaTrustReasonKind.Unverified,
            $"{statement.Name} has a condition IrsaPS cannot evaluate offline ({string.Join("; ", unknown)}), and the answer depends on it.",
            "Run Test-IrsaTrust with -Live to let AWS decide.");
    }

    private static List<IrsaTrustReason> ImplicitDeny(TrustTarget target, RoleTrust role, TrustEvaluation evaluation)
    {
        var fix = FixCommands.AddRoleTrust(role.RoleName, target.Cluster.ClusterName, target.Namespace, target.ServiceAccountName);
        var allows = evaluation.Statements.Where(s => s.Effect == PolicyEffect.Allow).ToList();
        if (allows.Count == 0)
        {
            return [new IrsaTrustReason(TrustReasonCodes.NoAllowStatement, IrsaTrustReasonKind.Failure, $"The trust policy of {role.RoleName} has no Allow statement, so nobody can assume the role.", fix)];
        }

        var principalOk = allows.Where(s => s.Checks.Count > 0 && s.Checks[0].Passed == true).ToList();
        if (principalOk.Count == 0)
        {
            return [ProviderMismatch(target, role, fix)];
        }

        var actionOk = principalOk.Where(s => s.Checks.Count > 1 && s.Checks[1].Passed == true).ToList();
        if (actionOk.Count == 0)
        {
            var names = string.Join(", ", principalOk.Select(s => s.Name));
            return [new IrsaTrustReason(
                TrustReasonCodes.ActionNotAllowed,
                IrsaTrustReasonKind.Failure,
                $"{names} trust{(principalOk.Count == 1 ? "s" : string.Empty)} the provider but do{(principalOk.Count == 1 ? "es" : string.Empty)} not allow sts:AssumeRoleWithWebIdentity ({principalOk[0].Checks[1].Reason}).",
                fix)];
        }

        var closest = actionOk.OrderBy(s => s.Checks.Count(c => c.Passed == false)).First();
        var reasons = new List<IrsaTrustReason>();
        foreach (var check in closest.Checks.Where(c => c.Element == TrustElement.Condition && c.Passed == false))
        {
            reasons.Add(ConditionFailure(target, role, closest, check, fix));
        }

        if (reasons.Count == 0)
        {
            reasons.Add(new IrsaTrustReason(TrustReasonCodes.ConditionNotMet, IrsaTrustReasonKind.Failure, $"No statement of the trust policy of {role.RoleName} admits {target.Subject}.", fix));
        }

        return reasons;
    }

    private static IrsaTrustReason ProviderMismatch(TrustTarget target, RoleTrust role, string fix)
    {
        var issuer = target.Cluster.Issuer!;
        var trusted = role.Report?.Grants.Where(g => g.Effect == PolicyEffect.Allow).SelectMany(g => g.ProviderArns).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var sameIssuer = trusted.Where(arn => string.Equals(OidcProviderArns.HostPathOf(arn), issuer.HostPath, StringComparison.Ordinal)).ToList();
        if (sameIssuer.Count > 0)
        {
            return new IrsaTrustReason(
                TrustReasonCodes.ProviderNotTrusted,
                IrsaTrustReasonKind.Failure,
                $"The trust names {Join(sameIssuer)}, but this cluster's tokens are validated by {target.ProviderArn}, the provider in the role's own account ({target.Role!.Account}).",
                fix);
        }

        var what = trusted.Count == 0 ? "no OIDC provider at all" : Join(trusted);
        return new IrsaTrustReason(
            TrustReasonCodes.IssuerNotTrusted,
            IrsaTrustReasonKind.Failure,
            $"The trust policy of {role.RoleName} does not trust this cluster's OIDC provider {target.ProviderArn}; it trusts {what}.",
            fix);
    }

    private static IrsaTrustReason ConditionFailure(TrustTarget target, RoleTrust role, StatementEvaluation statement, TrustCheck check, string fix)
    {
        var issuer = target.Cluster.Issuer!;
        var op = ConditionOperator.Parse(check.Operator ?? string.Empty);
        if (KeyIs(check.Key, issuer.SubKey))
        {
            if (op.Negated)
            {
                return new IrsaTrustReason(
                    TrustReasonCodes.SubjectExcluded,
                    IrsaTrustReasonKind.Failure,
                    $"{statement.Name} excludes the subject {target.Subject} with {check.Operator} {Join(check.Expected)}.",
                    $"Remove the exclusion from the trust policy of {role.RoleName} ({FixCommands.UpdateTrust(role.RoleName)}), or use a service account it does not exclude.");
            }

            if (IsStringEquals(op) && check.Expected.Any(WildcardMatcher.HasWildcard))
            {
                return new IrsaTrustReason(
                    TrustReasonCodes.SubjectWildcardNeverMatches,
                    IrsaTrustReasonKind.Failure,
                    $"{statement.Name} compares the subject with {check.Operator} against {Join(check.Expected)}; {check.Operator} treats '*' and '?' literally, so the pattern never matches and AWS answers AccessDenied.",
                    $"Trust the exact service account: {fix}; or, if a pattern is really meant, use StringLike instead of {check.Operator}.");
            }

            return new IrsaTrustReason(
                TrustReasonCodes.SubjectNotAdmitted,
                IrsaTrustReasonKind.Failure,
                $"The subject is {target.Subject} but the trust only admits {AdmittedSubjects(role, issuer.HostPath)}.",
                $"Run {fix}");
        }

        if (KeyIs(check.Key, issuer.AudKey))
        {
            if (op.Negated)
            {
                return new IrsaTrustReason(
                    TrustReasonCodes.AudienceExcluded,
                    IrsaTrustReasonKind.Failure,
                    $"{statement.Name} excludes the audience '{target.Audience}' with {check.Operator} {Join(check.Expected)}.",
                    FixCommands.SetServiceAccount(target.Namespace, target.ServiceAccountName, null, IrsaSubject.DefaultAudience));
            }

            var trustedAudience = check.Expected.FirstOrDefault(a => !WildcardMatcher.HasWildcard(a)) ?? IrsaSubject.DefaultAudience;
            return new IrsaTrustReason(
                TrustReasonCodes.AudienceNotAdmitted,
                IrsaTrustReasonKind.Failure,
                $"The token audience is '{target.Audience}' but the trust only admits {Join(check.Expected)} for {issuer.AudKey}.",
                $"Annotate the service account with the audience the trust expects: {FixCommands.SetServiceAccount(target.Namespace, target.ServiceAccountName, null, trustedAudience)}; or admit '{target.Audience}' in the trust's {issuer.AudKey} condition.");
        }

        if (check.Actual is null && check.Key is not null && (EndsWithKey(check.Key, ":sub") || EndsWithKey(check.Key, ":aud")))
        {
            return new IrsaTrustReason(
                TrustReasonCodes.ConditionForOtherIssuer,
                IrsaTrustReasonKind.Failure,
                $"{statement.Name} checks {check.Key}, a claim of another issuer; tokens of this cluster ({issuer.HostPath}) never carry it.",
                fix);
        }

        return new IrsaTrustReason(
            TrustReasonCodes.ConditionNotMet,
            IrsaTrustReasonKind.Failure,
            $"{statement.Name}: {check.Reason}.",
            $"Review that condition in the trust policy of {role.RoleName}: {FixCommands.UpdateTrust(role.RoleName)}");
    }

    /// <summary><c>web:api, web:worker</c> (patterns as written), or a sentence when there are none.</summary>
    internal static string AdmittedSubjects(RoleTrust role, string issuerHostPath)
    {
        var admitted = role.Report?.Subjects
            .Where(s => string.Equals(s.Issuer.HostPath, issuerHostPath, StringComparison.Ordinal))
            .Select(s => s.Namespace + ":" + s.ServiceAccountName)
            .ToList() ?? [];
        return admitted.Count == 0 ? "no service account of this cluster" : string.Join(", ", admitted);
    }

    private static bool IsStringEquals(ConditionOperator op) =>
        op.IsKnown && !op.Negated && op.Comparison is Comparison.StringEquals or Comparison.StringEqualsIgnoreCase;

    private static bool IsPositiveLike(string? text)
    {
        var op = ConditionOperator.Parse(text ?? string.Empty);
        return op.IsKnown && !op.Negated && op.Comparison == Comparison.StringLike;
    }

    private static bool KeyIs(string? key, string expected) => string.Equals(key, expected, StringComparison.OrdinalIgnoreCase);

    private static bool EndsWithKey(string key, string suffix) => key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);

    private static string Join(IEnumerable<string> values) => string.Join(", ", values.Select(v => "'" + v + "'"));
}
