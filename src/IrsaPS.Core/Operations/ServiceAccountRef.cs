using System;
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
    /// The one rule every cmdlet applies to a -ServiceAccountName value: <c>namespace/name</c> carries its own namespace;
    /// a plain name takes <paramref name="namespace"/> (-Namespace), which may be null here (the caller then applies its
    /// own default, e.g. the kubeconfig context's namespace, or refuses). Splits only; <see cref="Parse"/> also validates.
    /// </summary>
    public static (string? Namespace, string Name) Split(string? @namespace, string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        var slash = name.IndexOf('/');
        return slash < 0 ? (@namespace, name) : (name.Substring(0, slash), name.Substring(slash + 1));
    }

    /// <summary>
    /// One service account from -Namespace and -ServiceAccountName by the rule of <see cref="Split"/> (the same as
    /// <see cref="Pair"/>'s), validated; a plain name without -Namespace is refused with InvalidParameterCombination.
    /// </summary>
    public static ServiceAccountRef Parse(string? @namespace, string name, bool allowWildcards = false)
    {
        var (ns, account) = Split(@namespace, name);
        if (ns is null)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                $"Service account '{name}' has no namespace: pass -Namespace, or write it as namespace/name.",
                name);
        }

        return new ServiceAccountRef(ns, account, allowWildcards);
    }

    /// <summary><c>namespace/name</c> for messages and error targets, as the user wrote it (no validation).</summary>
    public static string Display(string? @namespace, string name)
    {
        var (ns, account) = Split(@namespace, name ?? string.Empty);
        return ns is null ? account : ns + "/" + account;
    }

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

        if (names.Any(string.IsNullOrWhiteSpace))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidServiceAccountName,
                "A service account name is empty: every -ServiceAccountName must be a name or namespace/name.");
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
            if (name.IndexOf('/') >= 0)
            {
                result.Add(Parse(null, name, allowWildcards));
                continue;
            }

            var ns = namespaces.Count == 1 ? namespaces[0] : namespaces[next];
            next++;
            result.Add(Parse(ns, name, allowWildcards));
        }

        return result.Distinct().ToList();
    }
}
