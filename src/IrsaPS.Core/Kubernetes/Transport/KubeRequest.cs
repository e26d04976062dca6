using System.Net.Http;

namespace IrsaPS.Core.Kubernetes.Transport;

/// <summary>One API request: method, path and query (already escaped), an optional JSON body, and the object it is about (for errors).</summary>
internal sealed record KubeRequest(HttpMethod Method, string Path, string? Target = null)
{
    public byte[]? Body { get; init; }

    public string ContentType { get; init; } = "application/json";
}
