using Amazon.Runtime.Endpoints;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>The two inputs endpoint resolution needs: the region and the configured endpoint, if any.</summary>
internal sealed class ServiceEndpointParameters : EndpointParameters
{
    public const string RegionKey = "Region";
    public const string EndpointKey = "Endpoint";

    public string? Region
    {
        get => this[RegionKey] as string;
        set => this[RegionKey] = value;
    }

    public string? Endpoint
    {
        get => this[EndpointKey] as string;
        set => this[EndpointKey] = value;
    }
}
