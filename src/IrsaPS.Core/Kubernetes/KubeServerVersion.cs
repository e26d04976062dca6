namespace IrsaPS.Core.Kubernetes;

/// <summary>The API server's <c>/version</c>.</summary>
internal sealed record KubeServerVersion(string GitVersion, string? Major, string? Minor, string? Platform);
