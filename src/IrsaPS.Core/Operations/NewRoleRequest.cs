using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Templates;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>What New-IrsaRole asks for. <see cref="Validate"/> checks all of it before anything is read or written.</summary>
public sealed record NewRoleRequest
{
    public string RoleName { get; init; } = string.Empty;

    /// <summary>The IAM path; null keeps an existing role's path and uses '/' for a new one.</summary>
    public string? Path { get; init; }

    /// <summary>The cluster whose issuer the trust names.</summary>
    public string ClusterName { get; init; } = string.Empty;

    public IReadOnlyList<ServiceAccountRef> ServiceAccounts { get; init; } = [];

    /// <summary>The token audience (null: sts.amazonaws.com).</summary>
    public string? Audience { get; init; }

    /// <summary>Allows StringLike subjects (<c>*</c>, <c>?</c>), e.g. a whole namespace.</summary>
    public bool AllowWildcard { get; init; }

    public IReadOnlyList<string> PolicyArns { get; init; } = [];

    /// <summary>Inline policies by name (JSON documents).</summary>
    public IReadOnlyDictionary<string, string> InlinePolicies { get; init; } = new Dictionary<string, string>();

    public string? PermissionsBoundary { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string? Description { get; init; }

    public int? MaxSessionDuration { get; init; }

    /// <summary>A policy template (catalog entry) whose managed and inline policies the role gets; rendered for the cluster.</summary>
    public PolicyTemplateSelection? Template { get; init; }

    /// <summary>The inline policy whose write broadens access (a template rendered with -AllowUnscopedTemplate): confirmed as high impact.</summary>
    internal string? BroadeningInlinePolicy { get; init; }

    /// <summary>Why <see cref="BroadeningInlinePolicy"/> broadens access, shown with the change.</summary>
    internal string? BroadeningReason { get; init; }

    /// <summary>
    /// A role for EKS Pod Identity instead of IRSA: the trust lets pods.eks.amazonaws.com assume it (scoped as the options
    /// say) instead of the cluster's OIDC subjects. Null: IRSA. Everything else (policies, boundary, tags...) is the same.
    /// </summary>
    public PodIdentity.PodIdentityRoleOptions? PodIdentity { get; init; }

    /// <summary>Throws the first problem found; nothing has been sent anywhere yet.</summary>
    public void Validate()
    {
        IamNames.ValidateRoleName(RoleName);
        if (Path is not null)
        {
            IamNames.ValidatePath(Path);
        }

        EksNames.ValidateClusterName(ClusterName);
        if (ServiceAccounts.Count == 0)
        {
            throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Name at least one service account the role should trust (-Namespace and -ServiceAccountName).");
        }

        if (PodIdentity is not null && (Audience is not null || AllowWildcard || ServiceAccounts.Any(a => KubernetesNames.HasWildcard(a.Namespace) || KubernetesNames.HasWildcard(a.Name))))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                "-Audience and wildcards are IRSA's: a Pod Identity role's trust names exact service accounts (or, with -TrustScope Cluster or Any, none).");
        }

        foreach (var account in ServiceAccounts.Where(a => KubernetesNames.HasWildcard(a.Namespace) || KubernetesNames.HasWildcard(a.Name)))
        {
            if (!AllowWildcard)
            {
                throw new IrsaValidationException(
                    ErrorIds.WildcardNotAllowed,
                    $"'{account.Target}' is a wildcard: it would trust every matching service account. Pass -AllowWildcard if that is what you want.",
                    account.Target);
            }
        }

        if (Audience is not null)
        {
            TokenAudience.Validate(Audience);
        }

        foreach (var arn in PolicyArns)
        {
            Arn.ParsePolicy(arn);
        }

        if (PermissionsBoundary is not null)
        {
            Arn.ParsePolicy(PermissionsBoundary);
        }

        foreach (var policy in InlinePolicies)
        {
            ValidateInlinePolicy(policy.Key, policy.Value);
        }

        // The given documents alone must fit; with the role's existing inline policies it is checked again when the plan is made.
        InlinePolicyRules.EnsureRoleTotal(RoleName, InlinePolicies.ToDictionary(p => p.Key, p => PolicyJsonFormat.Compact(p.Value), System.StringComparer.Ordinal));

        if (Tags.Count > IamNames.MaxTagsPerResource)
        {
            throw new IrsaValidationException(ErrorIds.InvalidTag, $"{Tags.Count} tags given; IAM allows at most {IamNames.MaxTagsPerResource} per role.");
        }

        foreach (var tag in Tags)
        {
            IamNames.ValidateTag(tag.Key, tag.Value);
        }

        if (Description is not null)
        {
            IamNames.ValidateDescription(Description);
        }

        if (MaxSessionDuration is { } seconds)
        {
            IamNames.ValidateMaxSessionDuration(seconds);
        }
    }

    /// <summary>The partition of every ARN must be the account's: an aws-cn policy cannot be attached in aws.</summary>
    internal void ValidatePartition(string partition)
    {
        foreach (var arn in PolicyArns.Append(PermissionsBoundary).Where(a => a is not null))
        {
            if (Arn.Parse(arn).Partition != partition)
            {
                throw new IrsaValidationException(
                    ErrorIds.InvalidPartition,
                    $"'{arn}' is in another partition than the account ({partition}).",
                    arn);
            }
        }
    }

    internal static void ValidateInlinePolicy(string name, string document) => InlinePolicyRules.Validate(name, document);
}
