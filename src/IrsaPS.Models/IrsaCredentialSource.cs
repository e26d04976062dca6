namespace IrsaPS.Core.Models;

/// <summary>Which credentials the AWS SDKs' default chain picks in a pod (their order: static keys, web identity, container credentials).</summary>
public enum IrsaCredentialSource
{
    /// <summary>Neither IRSA nor Pod Identity: the node's instance role, if the pod can reach the instance metadata service.</summary>
    None = 0,

    /// <summary>AWS_ACCESS_KEY_ID in the environment: static keys win over everything else.</summary>
    EnvironmentKeys = 1,

    /// <summary>IRSA: AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE.</summary>
    Irsa = 2,

    /// <summary>EKS Pod Identity: AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE.</summary>
    PodIdentity = 3,
}
