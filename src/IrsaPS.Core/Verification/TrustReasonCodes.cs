namespace IrsaPS.Core.Verification;

/// <summary>
/// The stable codes of <see cref="Models.IrsaTrustReason"/>. Scripts may match on them; add, never rename.
/// </summary>
internal static class TrustReasonCodes
{
    // Cluster and service account.
    public const string ClusterHasNoIssuer = nameof(ClusterHasNoIssuer);
    public const string ServiceAccountNotFound = nameof(ServiceAccountNotFound);
    public const string AnnotationMissing = nameof(AnnotationMissing);
    public const string RoleArnInvalid = nameof(RoleArnInvalid);
    public const string AudienceInvalid = nameof(AudienceInvalid);
    public const string AnnotationDiffers = nameof(AnnotationDiffers);

    // Role.
    public const string RoleNotFound = nameof(RoleNotFound);
    public const string RoleInOtherAccount = nameof(RoleInOtherAccount);
    public const string RoleArnMismatch = nameof(RoleArnMismatch);
    public const string TrustPolicyUnreadable = nameof(TrustPolicyUnreadable);

    // OIDC provider.
    public const string ProviderNotFound = nameof(ProviderNotFound);
    public const string ProviderMissingAudience = nameof(ProviderMissingAudience);

    // Trust evaluation.
    public const string ExplicitDeny = nameof(ExplicitDeny);
    public const string ConditionNotEvaluable = nameof(ConditionNotEvaluable);
    public const string NoAllowStatement = nameof(NoAllowStatement);
    public const string IssuerNotTrusted = nameof(IssuerNotTrusted);
    public const string ProviderNotTrusted = nameof(ProviderNotTrusted);
    public const string ActionNotAllowed = nameof(ActionNotAllowed);
    public const string SubjectNotAdmitted = nameof(SubjectNotAdmitted);
    public const string SubjectExcluded = nameof(SubjectExcluded);
    public const string SubjectWildcardNeverMatches = nameof(SubjectWildcardNeverMatches);
    public const string AudienceNotAdmitted = nameof(AudienceNotAdmitted);
    public const string AudienceExcluded = nameof(AudienceExcluded);
    public const string ConditionForOtherIssuer = nameof(ConditionForOtherIssuer);
    public const string ConditionNotMet = nameof(ConditionNotMet);

    // Notes on an allowed trust.
    public const string AudienceNotRestricted = nameof(AudienceNotRestricted);
    public const string SubjectMatchedByPattern = nameof(SubjectMatchedByPattern);

    // -Live.
    public const string LiveFailed = nameof(LiveFailed);
    public const string LiveDisagrees = nameof(LiveDisagrees);
}
