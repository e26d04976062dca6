namespace IrsaPS.Core.Errors;

/// <summary>ErrorIds of the cmdlet surface's shared rules (pipelines, names, defaults).</summary>
public static partial class ErrorIds
{
    /// <summary>A cmdlet needs an EKS cluster, none was given, and the kubeconfig context does not say which one it is.</summary>
    public const string ClusterNameRequired = nameof(ClusterNameRequired);
}
