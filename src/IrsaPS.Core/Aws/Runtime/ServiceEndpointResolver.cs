using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>The pipeline step that asks <see cref="ServiceEndpointProvider"/> where a request goes and how it is signed.</summary>
internal sealed class ServiceEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
    {
        var config = (AwsServiceConfig)requestContext.ClientConfig;
        return new ServiceEndpointParameters
        {
            Region = requestContext.Request.AlternateEndpoint?.SystemName ?? config.Region,
            Endpoint = config.ServiceURL,
        };
    }
}
