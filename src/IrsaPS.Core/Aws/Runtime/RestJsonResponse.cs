using Amazon.Runtime;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>A successful REST-JSON answer: its raw JSON body, read by the service's client.</summary>
internal sealed class RestJsonResponse : AmazonWebServiceResponse
{
    public byte[] Body { get; set; } = [];
}
