namespace IrsaPS.Core.Errors;

public static partial class ErrorIds
{
    // Operations/: cluster resolution, providers, roles, trust edits, service accounts.
    public const string ClusterNotFound = nameof(ClusterNotFound);
    public const string ClusterHasNoIssuer = nameof(ClusterHasNoIssuer);
    public const string IrsaNotSupportedOnOutposts = nameof(IrsaNotSupportedOnOutposts);
    public const string OidcProviderNotFound = nameof(OidcProviderNotFound);
    public const string OidcProviderNotRegistered = nameof(OidcProviderNotRegistered);
    public const string RoleNotFound = nameof(RoleNotFound);
    public const string RolePathMismatch = nameof(RolePathMismatch);
    public const string TrustWouldBeEmpty = nameof(TrustWouldBeEmpty);
    public const string TrustNotConverged = nameof(TrustNotConverged);
    public const string TrustConditionsRequired = nameof(TrustConditionsRequired);
    public const string ServiceAccountNotFound = nameof(ServiceAccountNotFound);
    public const string NotEventuallyConsistent = nameof(NotEventuallyConsistent);
    public const string InvalidInlinePolicy = nameof(InvalidInlinePolicy);
    public const string KubernetesTargetMismatch = nameof(KubernetesTargetMismatch);
    public const string InvalidThumbprint = nameof(InvalidThumbprint);
    public const string ProviderStillTrusted = nameof(ProviderStillTrusted);
}
