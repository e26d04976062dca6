namespace IrsaPS.Core.Errors;

/// <summary>ErrorIds of EKS Pod Identity: associations, the Pod Identity trust, workload identity and the migration from IRSA.</summary>
public static partial class ErrorIds
{
    // Input, before anything is sent.
    public const string InvalidAssociationId = nameof(InvalidAssociationId);

    // Associations.
    public const string PodIdentityAssociationNotFound = nameof(PodIdentityAssociationNotFound);
    public const string PodIdentityAssociationConflict = nameof(PodIdentityAssociationConflict);
    public const string PodIdentityAssociationOwnedByAddon = nameof(PodIdentityAssociationOwnedByAddon);

    // The Pod Identity trust statement.
    public const string PodIdentityTrustDenied = nameof(PodIdentityTrustDenied);
    public const string PodIdentityTrustStatementModified = nameof(PodIdentityTrustStatementModified);

    // Where Pod Identity cannot serve a service account's pods.
    public const string PodIdentityClusterNotSupported = nameof(PodIdentityClusterNotSupported);
    public const string PodIdentityAgentMissing = nameof(PodIdentityAgentMissing);
    public const string PodIdentityUnsupportedNode = nameof(PodIdentityUnsupportedNode);

    // The migration from IRSA.
    public const string PodIdentityNothingToMigrate = nameof(PodIdentityNothingToMigrate);
    public const string PodIdentityMigrationNotStarted = nameof(PodIdentityMigrationNotStarted);
    public const string PodIdentityMigrationRecordInvalid = nameof(PodIdentityMigrationRecordInvalid);
    public const string PodIdentityPodsStillUseWebIdentity = nameof(PodIdentityPodsStillUseWebIdentity);
    public const string PodIdentityRoleMismatch = nameof(PodIdentityRoleMismatch);
    public const string PodIdentityIrsaAnnotationPresent = nameof(PodIdentityIrsaAnnotationPresent);
    public const string PodIdentityTrustMissing = nameof(PodIdentityTrustMissing);
}
