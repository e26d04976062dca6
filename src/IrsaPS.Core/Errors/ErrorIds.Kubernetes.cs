namespace IrsaPS.Core.Errors;

/// <summary>ErrorIds raised by the Kubernetes side (kubeconfig, authentication, the REST client).</summary>
public static partial class ErrorIds
{
    // kubeconfig and connection settings.
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
