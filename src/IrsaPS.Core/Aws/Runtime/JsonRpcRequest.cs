using Amazon.Runtime;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// One call of an AWS JSON protocol service (CloudTrail is JSON 1.1): <c>POST /</c> with
/// <c>X-Amz-Target: &lt;targetPrefix&gt;.&lt;operation&gt;</c>, content type <c>application/x-amz-json-&lt;version&gt;</c>, and a
/// JSON body, as the service's model says (botocore's <c>metadata.jsonVersion</c> and <c>metadata.targetPrefix</c>).
/// </summary>
internal sealed class JsonRpcRequest : AmazonWebServiceRequest, IServiceOperation
{
    public JsonRpcRequest(ServiceDescription service, string targetPrefix, string jsonVersion, string operation, byte[] body)
    {
        Service = service.ServiceId;
        Operation = operation;
        Target = targetPrefix + "." + operation;
        ContentType = "application/x-amz-json-" + jsonVersion;
        Body = body;
    }

    public string Service { get; }

    public string Operation { get; }

    /// <summary>The <c>X-Amz-Target</c> header, e.g. <c>com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents</c>.</summary>
    public string Target { get; }

    public string ContentType { get; }

    public byte[] Body { get; }
}
