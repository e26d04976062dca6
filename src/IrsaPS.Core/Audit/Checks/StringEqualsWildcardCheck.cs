using System;
using System.Collections.Generic;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA004: StringEquals (or StringNotEquals) with '*' or '?' in a sub/aud value: compared literally.</summary>
internal sealed class StringEqualsWildcardCheck : AuditCheck
{
    public StringEqualsWildcardCheck()
        : base(new AuditCheckInfo(
            "IRSA004",
            "StringEqualsWithWildcard",
            IrsaSeverity.High,
            "StringEquals condition with '*' or '?' never matches",
            "StringEquals and StringEqualsIgnoreCase compare '*' and '?' literally, so an Allow condition like "
            + "StringEquals '<issuer>:sub': 'system:serviceaccount:web:*' never matches a real token: the pods get AccessDenied with no hint why "
            + "(High). In a Deny statement or a negated operator (StringNotEquals) the value never excludes anything, so the protection it was "
            + "meant to give does not exist (High).",
            "Use StringLike when a pattern is really meant (and prefer exact service accounts with StringEquals).",
            inDefaultSet: true,
            AuditNeeds.Roles))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        foreach (var entry in context.Index.Roles)
        {
            var document = entry.Trust.Document;
            if (document is null)
            {
                continue;
            }

            for (var i = 0; i < document.Statements.Count; i++)
            {
                var statement = document.Statements[i];
                if (statement.Condition is null)
                {
                    continue;
                }

                foreach (var (block, condition) in statement.Condition.AllEntries())
                {
                    var op = ConditionOperator.Parse(block.Operator);
                    if (!op.IsKnown || op.Comparison is not (Comparison.StringEquals or Comparison.StringEqualsIgnoreCase)
                        || !(condition.Key.EndsWith(":sub", StringComparison.OrdinalIgnoreCase) || condition.Key.EndsWith(":aud", StringComparison.OrdinalIgnoreCase))
                        || !context.Index.IsEksConditionKey(condition.Key))
                    {
                        continue;
                    }

                    foreach (var value in condition.Values)
                    {
                        if (!WildcardMatcher.HasWildcard(value))
                        {
                            continue;
                        }

                        var excludes = op.Negated || statement.Effect == PolicyEffect.Deny;
                        var name = string.IsNullOrEmpty(statement.Sid) ? $"statement {i}" : $"statement {i} (Sid \"{statement.Sid}\")";
                        var effect = excludes
                            ? "so it never excludes anything: the restriction it was meant to add does not exist"
                            : "so it never matches a real token: the pods it was meant for get AccessDenied";
                        yield return Finding(
                            context,
                            IrsaSeverity.High,
                            entry.Role.Arn,
                            i + ":" + condition.Key + ":" + value,
                            $"{name} of the trust policy of {entry.Role.RoleName} has {block.Operator} '{condition.Key}': '{value}'. {block.Operator} treats '*' and '?' literally, {effect}.",
                            $"Use {(op.Negated ? "StringNotLike" : "StringLike")} for this value if a pattern is meant (or list the exact service accounts), then aws iam update-assume-role-policy --role-name {entry.Role.RoleName} --policy-document file://trust.json.",
                            entry,
                            properties: new Dictionary<string, string> { ["Operator"] = block.Operator, ["Key"] = condition.Key, ["Value"] = value });
                    }
                }
            }
        }
    }
}
