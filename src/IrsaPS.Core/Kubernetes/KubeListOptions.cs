namespace IrsaPS.Core.Kubernetes;

/// <summary>Filters and page size for list calls (the API's <c>labelSelector</c>, <c>fieldSelector</c> and <c>limit</c>).</summary>
internal sealed class KubeListOptions
{
    public static readonly KubeListOptions None = new();

    /// <summary>Items per page; null uses the client's default (500). 1 to 10,000.</summary>
    public int? PageSize { get; init; }

    /// <summary>e.g. <c>app=web</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>spec.serviceAccountName=app</c> (pods) or <c>metadata.name=app</c>.</summary>
    public string? FieldSelector { get; init; }
}
