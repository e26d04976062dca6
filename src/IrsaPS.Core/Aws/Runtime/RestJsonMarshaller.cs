using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>Turns a <see cref="RestJsonRequest"/> into the SDK request: path resources, query string, JSON body.</summary>
internal sealed class RestJsonMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly RestJsonMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var call = (RestJsonRequest)input;
        var request = new DefaultRequest(call, call.Service)
        {
            HttpMethod = call.Method,
            ResourcePath = call.ResourcePath,
        };
        foreach (var pair in call.PathValues)
        {
            request.AddPathResource(pair.Key, pair.Value);
        }

        foreach (var pair in call.Query)
        {
            request.Parameters[pair.Key] = pair.Value;
        }

        request.UseQueryString = call.Query.Count > 0;
        if (call.Body is not null)
        {
            request.Content = call.Body;
            request.Headers["Content-Type"] = "application/json";
        }

        return request;
    }
}
