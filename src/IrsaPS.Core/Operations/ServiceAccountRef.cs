using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>A ServiceAccount by namespace and name (names validated, wildcards only when allowed).</summary>
public sealed record ServiceAccountRef
{
    public ServiceAccountRef(string @namespace, string name, bool allowWildcards = false)
    {
        Namespace = KubernetesNames.ValidateNamespace(@namespace, allowWildcards);
        Name = KubernetesNames.ValidateServiceAccountName(name, allowWildcards);
    }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary><c>namespace/name</c>.</summary>
    public string Target => Namespace + "/" + Name;

    public override string ToString() => Target;

    /// <summary>
    /// Pairs -Namespace and -ServiceAccountName values the way the cmdlets document it: a name written
    /// <c>namespace/name</c> carries its own namespace; otherwise one namespace applies to every name, or equally many
    /// namespaces and names pair up in order. Anything else is ambiguous and refused.
    /// </summary>
    public static IReadOnlyList<ServiceAccountRef> Pair(IReadOnlyList<string>? namespaces, IReadOnlyList<string> names, bool allowWildcards = false)
    {
        if (names is null || names.Count == 0)
        {
            throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Name at least one service account (-ServiceAccountName).");
        }

        namespaces ??= [];
        var unqualified = names.Where(n => n.IndexOf('/') < 0).ToList();
        if (unqualified.Count > 0 && namespaces.Count == 0)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                $"Service account '{unqualified[0]}' has no namespace: pass -Namespace, or write it as namespace/name.",
                unqualified[0]);
        }

        if (unqualified.Count > 0 && namespaces.Count != 1 && namespaces.Count != unqualified.Count)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                $"{namespaces.Count} namespaces and {unqualified.Count} service account names cannot be paired: pass one namespace for all names, one namespace per name (in the same order), or write each as namespace/name.");
        }

        var result = new List<ServiceAccountRef>();
        var next = 0;
        foreach (var name in names)
        {
            var slash = name.IndexOf('/');
            if (slash >= 0)
            {
                result.Add(new ServiceAccountRef(name.Substring(0, slash), name.Substring(slash + 1), allowWildcards));
                continue;
            }

            var ns = namespaces.Count == 1 ? namespaces[0] : namespaces[next];
            next++;
            result.Add(new ServiceAccountRef(ns, name, allowWildcards));
        }

        return result.Distinct().ToList();
    }
}
