namespace IrsaPS.Core.Errors;

/// <summary>
/// Every ErrorId IrsaPS.Core raises. These strings are public contract: scripts match on them
/// (<c>$_.FullyQualifiedErrorId -like 'InvalidNamespace,*'</c>). Add, never rename.
/// All of them are here, by area, the module's own (raised by the cmdlets rather than the core) and the Kubernetes
/// side's included.
/// </summary>
public static class ErrorIds
{
    // Input validation (Validation/).
    public const string InvalidNamespace = nameof(InvalidNamespace);
    public const string InvalidServiceAccountName = nameof(InvalidServiceAccountName);
    public const string InvalidRoleName = nameof(InvalidRoleName);
    public const string InvalidRolePath = nameof(InvalidRolePath);
    public const string InvalidArn = nameof(InvalidArn);
    public const string InvalidAccountId = nameof(InvalidAccountId);
    public const string InvalidPartition = nameof(InvalidPartition);
    public const string InvalidIssuerUrl = nameof(InvalidIssuerUrl);
    public const string InvalidAudience = nameof(InvalidAudience);
    public const string InvalidClusterName = nameof(InvalidClusterName);
    public const string InvalidTag = nameof(InvalidTag);
    public const string InvalidDescription = nameof(InvalidDescription);
    public const string InvalidMaxSessionDuration = nameof(InvalidMaxSessionDuration);
    public const string InvalidParameterCombination = nameof(InvalidParameterCombination);
    public const string WildcardNotAllowed = nameof(WildcardNotAllowed);

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

    // The policy engine (Policy/).
    /// <summary>The text is not JSON at all (syntax error, empty input).</summary>
    public const string InvalidPolicyJson = nameof(InvalidPolicyJson);

    /// <summary>The JSON is not a valid IAM policy document; the message names the JSON path.</summary>
    public const string MalformedPolicyDocument = nameof(MalformedPolicyDocument);

    /// <summary>The trust policy, counted as IAM counts it (no whitespace), exceeds the role's trust-policy quota.</summary>
    public const string TrustPolicyTooLarge = nameof(TrustPolicyTooLarge);

    /// <summary>A trust-policy size limit outside IAM's range (2,048-4,096 characters) was requested.</summary>
    public const string InvalidTrustPolicySizeLimit = nameof(InvalidTrustPolicySizeLimit);

    /// <summary>A <c>sub</c> value is not of the form <c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>.</summary>
    public const string InvalidSubject = nameof(InvalidSubject);

    /// <summary>A trust policy was requested for no service account at all.</summary>
    public const string NoTrustSubjects = nameof(NoTrustSubjects);

    // The AWS side (Aws/): connection settings, service calls, EKS tokens, OIDC thumbprints.
    // Connection settings: raised while resolving an AwsConnection, before any request is sent.
    public const string AwsRegionNotSpecified = nameof(AwsRegionNotSpecified);
    public const string AwsInvalidRegion = nameof(AwsInvalidRegion);
    public const string AwsCredentialsNotFound = nameof(AwsCredentialsNotFound);
    public const string AwsProfileNotFound = nameof(AwsProfileNotFound);
    public const string AwsInvalidEndpointUrl = nameof(AwsInvalidEndpointUrl);

    // Client-side checks of call inputs (policy names, thumbprints, page sizes...), before anything is sent.
    public const string AwsInvalidParameter = nameof(AwsInvalidParameter);

    // Service calls: one id per kind of failure; the AWS error code itself is in AwsServiceException.AwsErrorCode.
    public const string AwsResourceNotFound = nameof(AwsResourceNotFound);
    public const string AwsResourceAlreadyExists = nameof(AwsResourceAlreadyExists);
    public const string AwsLimitExceeded = nameof(AwsLimitExceeded);
    public const string AwsInvalidRequest = nameof(AwsInvalidRequest);
    public const string AwsAccessDenied = nameof(AwsAccessDenied);
    public const string AwsAuthenticationFailed = nameof(AwsAuthenticationFailed);
    public const string AwsConcurrentModification = nameof(AwsConcurrentModification);
    public const string AwsDeleteConflict = nameof(AwsDeleteConflict);
    public const string AwsThrottled = nameof(AwsThrottled);
    public const string AwsServiceError = nameof(AwsServiceError);
    public const string AwsConnectionFailed = nameof(AwsConnectionFailed);
    public const string AwsRequestTimeout = nameof(AwsRequestTimeout);
    public const string AwsInvalidResponse = nameof(AwsInvalidResponse);

    // EKS bearer tokens and OIDC provider thumbprints.
    public const string EksTokenFailed = nameof(EksTokenFailed);
    public const string OidcThumbprintUnavailable = nameof(OidcThumbprintUnavailable);

    // The policy template catalog (Templates/).
    /// <summary>No catalog entry has that name.</summary>
    public const string UnknownPolicyTemplate = nameof(UnknownPolicyTemplate);

    /// <summary>The entry exists, but not in the version asked for.</summary>
    public const string UnknownTemplateVersion = nameof(UnknownTemplateVersion);

    /// <summary>The entry has several roles (e.g. controller and node) and none was chosen, or the one named does not exist.</summary>
    public const string TemplateRoleRequired = nameof(TemplateRoleRequired);

    /// <summary>A parameter the entry needs (or one of a group of which one is needed) was not given.</summary>
    public const string TemplateParameterRequired = nameof(TemplateParameterRequired);

    /// <summary>
    /// A parameter that narrows a write upstream leaves on "*" was not given (or was given as a wildcard) and
    /// -AllowUnscopedTemplate was not passed.
    /// </summary>
    public const string TemplateScopeRequired = nameof(TemplateScopeRequired);

    /// <summary>-TemplateParameter names a parameter the entry does not have.</summary>
    public const string UnknownTemplateParameter = nameof(UnknownTemplateParameter);

    /// <summary>A parameter value is not of the expected shape (ARN service, resource type, partition, several values where one is allowed).</summary>
    public const string InvalidTemplateParameter = nameof(InvalidTemplateParameter);

    /// <summary>The rendered policy is larger than IAM's inline-policy quota per role.</summary>
    public const string TemplatePolicyTooLarge = nameof(TemplatePolicyTooLarge);

    /// <summary>A catalog file shipped with the module is malformed (a packaging bug, never user input).</summary>
    public const string InvalidTemplateCatalog = nameof(InvalidTemplateCatalog);

    // Test-IrsaTrust (Verification/) and Invoke-IrsaAudit (Audit/).
    /// <summary>-Check named a check that does not exist (by id like IRSA007 or by name); raised before any call.</summary>
    public const string UnknownAuditCheck = nameof(UnknownAuditCheck);

    /// <summary>An audit or trust-test setting is out of range (page size, parallelism, token lifetime); raised before any call.</summary>
    public const string InvalidAuditOption = nameof(InvalidAuditOption);

    // Get-IrsaRoleActivity (Activity/) and the audit's CloudTrail checks.
    /// <summary>The activity window is not valid (-Days, -StartTime, -EndTime, or older than LookupEvents' 90 days); raised before any call.</summary>
    public const string InvalidActivityWindow = nameof(InvalidActivityWindow);

    /// <summary>A -Path is neither a CloudTrail log file nor a folder; raised before anything is read.</summary>
    public const string TrailPathNotFound = nameof(TrailPathNotFound);

    /// <summary>A trail file could not be read (not JSON, truncated, unreadable); the other files are still read.</summary>
    public const string TrailFileUnreadable = nameof(TrailFileUnreadable);

    /// <summary>-RoleArn names a role of another account, whose trust and RoleLastUsed this account cannot read.</summary>
    public const string RoleOfAnotherAccount = nameof(RoleOfAnotherAccount);

    // EKS Pod Identity: associations, the Pod Identity trust, workload identity and the migration from IRSA.
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

    // The fixes of what a user hits first (issue 9): policy existence, report files, role rollback.
    /// <summary>New-IrsaRole: a -PolicyArn or -PermissionsBoundary names a managed policy that does not exist (checked before any write).</summary>
    public const string PolicyNotFound = nameof(PolicyNotFound);

    /// <summary>New-IrsaRole: the role's inline policies together would exceed IAM's 10,240 characters per role (whitespace not counted).</summary>
    public const string InlinePolicyTooLarge = nameof(InlinePolicyTooLarge);

    /// <summary>Invoke-IrsaAudit -OutFile names a directory, not a file.</summary>
    public const string OutFileIsDirectory = nameof(OutFileIsDirectory);

    /// <summary>Invoke-IrsaAudit -OutFile is in a folder that does not exist (IrsaPS does not create folders).</summary>
    public const string OutFileFolderNotFound = nameof(OutFileFolderNotFound);

    /// <summary>Invoke-IrsaAudit could not write -OutFile (access denied, read-only file, disk full).</summary>
    public const string OutFileNotWritable = nameof(OutFileNotWritable);

    /// <summary>
    /// New-IrsaRole created the role, a later write failed, and removing the half-built role again failed too: the message
    /// says exactly what exists.
    /// </summary>
    public const string RoleLeftIncomplete = nameof(RoleLeftIncomplete);

    // Turning cmdlet parameters into core requests (Aws/CredentialObject).
    /// <summary>-Credential holds something that is not AWS credentials (nor a PSCredential of access key and secret key).</summary>
    public const string InvalidCredential = nameof(InvalidCredential);

    // The cmdlet surface's shared rules (pipelines, names, defaults).
    /// <summary>A cmdlet needs an EKS cluster, none was given, and the kubeconfig context does not say which one it is.</summary>
    public const string ClusterNameRequired = nameof(ClusterNameRequired);

    // The module's own (src/IrsaPS): stopped or timed-out pipelines, unexpected failures, confirmation, parameter shapes.
    public const string OperationStopped = nameof(OperationStopped);
    public const string OperationTimedOut = nameof(OperationTimedOut);
    public const string UnexpectedError = nameof(UnexpectedError);

    /// <summary>A write needed confirmation and the host could not prompt (non-interactive): pass -Force or -Confirm:$false.</summary>
    public const string MissingConfirmation = nameof(MissingConfirmation);

    /// <summary>A -Tag (or similar) hashtable holds a key that is not a string or a value that is not text.</summary>
    public const string InvalidHashtable = nameof(InvalidHashtable);

    /// <summary>Invoke-IrsaAudit -FailOn: findings at or above the given severity exist (after all output was written).</summary>
    public const string IrsaAuditFailed = nameof(IrsaAuditFailed);

    // Kubernetes: kubeconfig and connection settings.
    public const string KubeConfigNotFound = nameof(KubeConfigNotFound);
    public const string KubeConfigInvalid = nameof(KubeConfigInvalid);
    public const string KubeContextNotFound = nameof(KubeContextNotFound);
    public const string KubeNoCurrentContext = nameof(KubeNoCurrentContext);
    public const string KubeClusterNotFound = nameof(KubeClusterNotFound);
    public const string KubeUserNotFound = nameof(KubeUserNotFound);
    public const string KubeInvalidServerUrl = nameof(KubeInvalidServerUrl);
    public const string KubeCertificateUnreadable = nameof(KubeCertificateUnreadable);
    public const string KubeClientCertificateNotSupported = nameof(KubeClientCertificateNotSupported);
    public const string KubeTokenFileUnreadable = nameof(KubeTokenFileUnreadable);
    public const string KubeAuthProviderNotSupported = nameof(KubeAuthProviderNotSupported);
    public const string KubeInClusterUnavailable = nameof(KubeInClusterUnavailable);

    // exec credential plugins and EKS tokens.
    public const string KubeExecPluginNotFound = nameof(KubeExecPluginNotFound);
    public const string KubeExecPluginFailed = nameof(KubeExecPluginFailed);
    public const string KubeExecPluginInteractive = nameof(KubeExecPluginInteractive);
    public const string KubeExecCredentialInvalid = nameof(KubeExecCredentialInvalid);
    public const string KubeEksTokenFailed = nameof(KubeEksTokenFailed);

    // Input the client checks before sending.
    public const string InvalidAnnotation = nameof(InvalidAnnotation);
    public const string InvalidTokenExpiration = nameof(InvalidTokenExpiration);
    public const string InvalidPageSize = nameof(InvalidPageSize);

    // Answers of the API server.
    public const string KubeUnauthorized = nameof(KubeUnauthorized);
    public const string KubeForbidden = nameof(KubeForbidden);
    public const string KubeNotFound = nameof(KubeNotFound);
    public const string KubeAlreadyExists = nameof(KubeAlreadyExists);
    public const string KubeConflict = nameof(KubeConflict);
    public const string KubeInvalid = nameof(KubeInvalid);
    public const string KubeContinueExpired = nameof(KubeContinueExpired);
    public const string KubeTooManyRequests = nameof(KubeTooManyRequests);
    public const string KubeServerError = nameof(KubeServerError);
    public const string KubeApiError = nameof(KubeApiError);
    public const string KubeInvalidResponse = nameof(KubeInvalidResponse);

    // Transport.
    public const string KubeConnectionFailed = nameof(KubeConnectionFailed);
    public const string KubeTlsFailed = nameof(KubeTlsFailed);
    public const string KubeTimeout = nameof(KubeTimeout);
}
