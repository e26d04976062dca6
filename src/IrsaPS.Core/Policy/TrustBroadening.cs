using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Policy;

/// <summary>Ways an edit can widen who may assume a role. Any flag means the cmdlet should confirm with ConfirmImpact High.</summary>
[Flags]
internal enum TrustBroadening
{
    None = 0,

    /// <summary>A service account (sub value) is admitted that was not before.</summary>
    AddsSubject = 1,

    /// <summary>A wildcard (StringLike) subject is admitted that was not before.</summary>
    AddsWildcardSubject = 2,

    /// <summary>An Allow statement trusts an OIDC provider without any sub condition (every service account of that cluster).</summary>
    AddsStatementWithoutSubject = 4,

    /// <summary>An Allow statement for another kind of principal (AWS, Service, "*") appears.</summary>
    AddsOtherAllow = 8,

    /// <summary>A condition was removed from a statement that still applies to other principals.</summary>
    RemovesCondition = 16,
}

/// <summary>Compares two trust documents by what their Allow statements admit.</summary>
internal static class TrustBroadeningDetector
{
    /// <summary>How <paramref name="after"/> admits more than <paramref name="before"/> (structurally).</summary>
    public static TrustBroadening Compare(PolicyDocument before, PolicyDocument after)
    {
        if (before is null)
        {
            throw new ArgumentNullException(nameof(before));
        }

        if (after is null)
        {
            throw new ArgumentNullException(nameof(after));
        }

        var previous = Collect(before);
        var result = TrustBroadening.None;
        foreach (var fact in Collect(after))
        {
            if (previous.ContainsKey(fact.Key))
            {
                continue;
            }

            result |= fact.Value;
        }

        return result;
    }

    /// <summary>Every admitting fact of a document, keyed so that equal facts compare equal across documents.</summary>
    private static Dictionary<string, TrustBroadening> Collect(PolicyDocument document)
    {
        var facts = new Dictionary<string, TrustBroadening>(StringComparer.Ordinal);
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            if (statement.Effect != PolicyEffect.Allow)
            {
                continue;
            }

            var grant = TrustPolicyInspector.InspectStatement(i, statement, out var audiencesByIssuer);
            if (grant is null || grant.PrincipalIsNegated || grant.PrincipalIsWildcard)
            {
                facts["other\n" + Canonical(statement)] = TrustBroadening.AddsOtherAllow;
                continue;
            }

            var otherConditions = string.Join("|", grant.OtherConditions);
            foreach (var provider in grant.ProviderArns)
            {
                var hostPath = OidcProviderArns.HostPathOf(provider)!;
                var audiences = audiencesByIssuer.TryGetValue(hostPath, out var list) ? string.Join("|", list) : string.Empty;
                var admitted = false;
                foreach (var subject in grant.Subjects)
                {
                    if (!string.Equals(subject.IssuerHostPath, hostPath, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (subject.Kind is SubjectMatchKind.Exact or SubjectMatchKind.Wildcard)
                    {
                        admitted = true;
                        var flag = subject.Kind == SubjectMatchKind.Wildcard
                            ? TrustBroadening.AddsSubject | TrustBroadening.AddsWildcardSubject
                            : TrustBroadening.AddsSubject;
                        facts[$"sub\n{provider}\n{subject.Kind}\n{subject.Value}\n{audiences}\n{otherConditions}"] = flag;
                    }
                    else if (subject.Kind == SubjectMatchKind.NeverMatches)
                    {
                        admitted = true;
                    }
                }

                if (!admitted)
                {
                    facts[$"nosub\n{provider}\n{audiences}\n{otherConditions}"] = TrustBroadening.AddsStatementWithoutSubject;
                }
            }

            if (HasNonFederatedPrincipal(statement))
            {
                facts["other\n" + Canonical(statement)] = TrustBroadening.AddsOtherAllow;
            }
        }

        return facts;
    }

    private static bool HasNonFederatedPrincipal(PolicyStatement statement)
    {
        foreach (var entry in statement.Principal!.Entries)
        {
            if (entry.Type != PolicyPrincipal.Federated)
            {
                return true;
            }
        }

        return false;
    }

    private static string Canonical(PolicyStatement statement)
    {
        var document = new PolicyDocument();
        document.Statements.Add(statement);
        return document.ToJson();
    }
}
