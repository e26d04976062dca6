using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.ServiceAccounts;

/// <summary>
/// Which service accounts a listing cmdlet asks for (Get-IrsaServiceAccount, Get-IrsaWorkloadIdentity): a namespace or
/// every namespace, and a name, a wildcard pattern or <c>namespace/name</c>. Checked before any call.
/// </summary>
internal readonly record struct ServiceAccountSelector(string? Namespace, string? NamePattern, bool AllNamespaces)
{
    /// <summary>True when the name has no wildcard: that one account is reported even when it is not configured.</summary>
    public bool ExactName => NamePattern is not null && !KubernetesNames.HasWildcard(NamePattern);

    /// <summary>Splits <c>namespace/name</c>, refuses -Namespace with -AllNamespaces, and validates what is exact.</summary>
    public static ServiceAccountSelector Parse(string? @namespace, string? namePattern, bool allNamespaces)
    {
        if (namePattern is not null && namePattern.IndexOf('/') >= 0)
        {
            if (allNamespaces)
            {
                throw new IrsaValidationException(
                    ErrorIds.InvalidParameterCombination, $"'{namePattern}' names a namespace; give namespace/name or -AllNamespaces, not both.", namePattern);
            }

            (@namespace, namePattern) = ServiceAccountRef.Split(@namespace, namePattern);
        }

        if (@namespace is not null)
        {
            KubernetesNames.ValidateNamespace(@namespace);
            if (allNamespaces)
            {
                throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Give -Namespace or -AllNamespaces, not both.");
            }
        }

        var selector = new ServiceAccountSelector(@namespace, namePattern, allNamespaces);
        if (selector.ExactName)
        {
            KubernetesNames.ValidateServiceAccountName(namePattern!);
        }

        return selector;
    }
}
