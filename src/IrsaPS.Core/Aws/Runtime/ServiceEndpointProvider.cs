using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Amazon.Runtime.Endpoints;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Resolves the URL and SigV4 signing parameters for one request: the configured endpoint when there is one
/// (EndpointUrl, <c>AWS_ENDPOINT_URL[_SERVICE]</c>, profile <c>endpoint_url</c>), else the partition's public endpoint.
/// </summary>
internal sealed class ServiceEndpointProvider : IEndpointProvider
{
    private readonly ServiceDescription _service;

    public ServiceEndpointProvider(ServiceDescription service) => _service = service;

    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters is null)
        {
            throw new ArgumentNullException(nameof(parameters));
        }

        var region = parameters[ServiceEndpointParameters.RegionKey] as string;
        if (string.IsNullOrEmpty(region))
        {
            throw new InvalidOperationException($"No region is set for {_service.ServiceId}.");
        }

        var configured = parameters[ServiceEndpointParameters.EndpointKey] as string;
        var url = string.IsNullOrEmpty(configured) ? ServiceEndpoints.DefaultUrl(_service, region!) : configured!;
        return new Endpoint(url, AuthSchemes(ServiceEndpoints.SigningRegion(_service, region!)), null);
    }

    private string AuthSchemes(string signingRegion)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("authSchemes");
            json.WriteStartObject();
            json.WriteString("name", "sigv4");
            json.WriteString("signingName", _service.SigningName);
            json.WriteString("signingRegion", signingRegion);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
