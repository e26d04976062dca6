using IrsaPS.Core.Aws;
using IrsaPS.Core.Kubernetes;

namespace IrsaPS.Core.Operations;

/// <summary>Everything a cmdlet binds about where to connect: the AWS.Tools-style parameters and -KubeConfig/-KubeContext.</summary>
public sealed class IrsaSessionSettings
{
    public AwsConnectionSettings Aws { get; init; } = new();

    /// <summary><c>-KubeConfig</c>.</summary>
    public string? KubeConfigPath { get; init; }

    /// <summary><c>-KubeContext</c>.</summary>
    public string? KubeContext { get; init; }

    /// <summary>Client tuning (retries, page size); the defaults suit real clusters.</summary>
    public KubernetesClientOptions? KubernetesClient { get; init; }

    internal IrsaOperationOptions Options { get; init; } = IrsaOperationOptions.Default;
}
