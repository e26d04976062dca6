using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>Turns a <see cref="JsonRpcRequest"/> into the SDK request: <c>POST /</c>, <c>X-Amz-Target</c>, JSON body.</summary>
internal sealed class JsonRpcMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly JsonRpcMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var call = (JsonRpcRequest)input;
        var request = new DefaultRequest(call, call.Service)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = call.Body,
        };
        request.Headers["X-Amz-Target"] = call.Target;
        request.Headers["Content-Type"] = call.ContentType;
        return request;
    }
}
