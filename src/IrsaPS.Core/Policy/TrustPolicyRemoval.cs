using System;
using System.Collections.Generic;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy;

/// <summary>
/// The removal half of <see cref="TrustPolicyEditor"/>, working in place on a copy. The rule that matters: a statement
/// never survives without the sub condition it had, because a statement trusting a provider without a sub condition
/// admits every service account of that cluster.
/// </summary>
internal sealed class TrustPolicyRemoval
{
    private readonly PolicyDocument _document;
    private readonly Dictionary<PolicyStatement, int> _origin = [];

    public TrustPolicyRemoval(PolicyDocument document)
    {
        _document = document;
        for (var i = 0; i < document.Statements.Count; i++)
        {
            _origin[document.Statements[i]] = i;
        }
    }

    public List<string> Changes { get; } = [];

    public TrustBroadening Broadening { get; private set; }

    public void RemoveSubject(string providerArn, OidcIssuer issuer, string subjectValue)
    {
        var removedSomewhere = false;
        for (var i = _document.Statements.Count - 1; i >= 0; i--)
        {
            var statement = _document.Statements[i];
            if (statement.Effect != PolicyEffect.Allow || statement.Condition is null || !Trusts(statement, providerArn, allowWildcard: true))
            {
                continue;
            }

            var touched = false;
            var emptied = false;
            foreach (var (block, entry) in statement.Condition.AllEntries())
            {
                if (!string.Equals(entry.Key, issuer.SubKey, StringComparison.OrdinalIgnoreCase)
                    || !TrustPolicyInspector.IsPositiveString(ConditionOperator.Parse(block.Operator))
                    || !entry.Values.Remove(subjectValue))
                {
                    continue;
                }

                touched = true;
                emptied |= entry.Values.Count == 0;
            }

            if (!touched)
            {
                continue;
            }

            removedSomewhere = true;
            if (!emptied)
            {
                Changes.Add($"Removed {subjectValue} from {Name(statement)}.");
            }
            else if (TrustsOnly(statement, providerArn))
            {
                _document.Statements.RemoveAt(i);
                Changes.Add($"Removed {subjectValue} from {Name(statement)}; it was the last sub value, so the statement was dropped (it must never trust the cluster without a sub condition).");
            }
            else
            {
                Changes.Add($"Removed {subjectValue} from {Name(statement)}; it was the last sub value for {issuer.HostPath}, so that provider and its conditions were removed from the statement.");
                Detach(i, statement, providerArn, issuer);
            }
        }

        if (!removedSomewhere)
        {
            Changes.Add($"{subjectValue} is not listed for {issuer.HostPath} in any Allow statement; nothing to remove.");
        }
    }

    public void RemoveProvider(string providerArn, OidcIssuer issuer)
    {
        var removedSomewhere = false;
        for (var i = _document.Statements.Count - 1; i >= 0; i--)
        {
            var statement = _document.Statements[i];
            if (statement.Effect != PolicyEffect.Allow || !Trusts(statement, providerArn, allowWildcard: false))
            {
                continue;
            }

            removedSomewhere = true;
            if (TrustsOnly(statement, providerArn))
            {
                _document.Statements.RemoveAt(i);
                Changes.Add($"Dropped {Name(statement)}: it trusted only {providerArn}.");
            }
            else
            {
                Changes.Add($"Removed {providerArn} and the conditions on {issuer.HostPath}:* from {Name(statement)}, which also trusts other principals.");
                Detach(i, statement, providerArn, issuer);
            }
        }

        if (!removedSomewhere)
        {
            Changes.Add($"No Allow statement trusts {providerArn}; nothing to remove.");
        }
    }

    /// <summary>Takes one provider out of a statement that also trusts others, with every condition keyed on its issuer.</summary>
    private void Detach(int index, PolicyStatement statement, string providerArn, OidcIssuer issuer)
    {
        var principal = statement.Principal!;
        var federated = principal.Get(PolicyPrincipal.Federated);
        if (federated is not null)
        {
            federated.Remove(providerArn);
            if (federated.Count == 0)
            {
                principal.Remove(PolicyPrincipal.Federated);
            }
        }

        if (!principal.IsWildcard && principal.Entries.Count == 0)
        {
            _document.Statements.RemoveAt(index);
            return;
        }

        if (statement.Condition is null)
        {
            return;
        }

        var prefix = issuer.HostPath + ":";
        var removed = 0;
        foreach (var block in statement.Condition.Blocks)
        {
            removed += block.Entries.RemoveAll(entry => entry.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        }

        statement.Condition.Blocks.RemoveAll(block => block.Entries.Count == 0);
        if (statement.Condition.Blocks.Count == 0)
        {
            statement.Condition = null;
        }

        if (removed > 0)
        {
            // Those conditions could not hold for the remaining principals' requests, so removing them may let
            // the statement apply where it never did: always treat it as a broadening change.
            Broadening |= TrustBroadening.RemovesCondition;
        }
    }

    private static bool Trusts(PolicyStatement statement, string providerArn, bool allowWildcard)
    {
        var principal = statement.Principal;
        if (principal is null)
        {
            return false;
        }

        if (principal.IsWildcard)
        {
            return allowWildcard;
        }

        return principal.Get(PolicyPrincipal.Federated)?.Contains(providerArn) ?? false;
    }

    private static bool TrustsOnly(PolicyStatement statement, string providerArn)
    {
        var principal = statement.Principal!;
        if (principal.IsWildcard)
        {
            return true;
        }

        if (principal.Entries.Count != 1)
        {
            return false;
        }

        var federated = principal.Get(PolicyPrincipal.Federated);
        if (federated is null)
        {
            return false;
        }

        foreach (var value in federated)
        {
            if (!string.Equals(value, providerArn, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private string Name(PolicyStatement statement) =>
        _origin.TryGetValue(statement, out var index) ? statement.Describe(index) : "a statement";
}
