using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>Turns a <see cref="QueryRequest"/> into the SDK's form-encoded POST to <c>/</c> with Action and Version.</summary>
internal sealed class QueryMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly QueryMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var call = (QueryRequest)input;
        var request = new DefaultRequest(call, call.Service)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
        };
        request.Parameters["Action"] = call.Operation;
        request.Parameters["Version"] = call.ApiVersion;
        foreach (var pair in call.Parameters)
        {
            request.Parameters[pair.Key] = pair.Value;
        }

        return request;
    }
}
