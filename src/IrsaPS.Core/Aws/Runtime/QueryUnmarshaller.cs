using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Reads Query protocol answers: the result element of a success, or the error of a failure. IAM and STS wrap a
/// success in <c>&lt;XxxResponse&gt;&lt;XxxResult&gt;...&lt;ResponseMetadata&gt;&lt;RequestId&gt;</c>; EC2 puts the result's
/// fields straight under <c>&lt;XxxResponse&gt;</c> with a <c>&lt;requestId&gt;</c> (so <see cref="Ec2"/> hands on the root).
/// </summary>
internal sealed class QueryUnmarshaller : XmlResponseUnmarshaller
{
    /// <summary>IAM and STS.</summary>
    public static readonly QueryUnmarshaller Instance = new(rootIsResult: false);

    /// <summary>EC2: the response root is the result.</summary>
    public static readonly QueryUnmarshaller Ec2 = new(rootIsResult: true);

    private readonly bool _rootIsResult;

    private QueryUnmarshaller(bool rootIsResult) => _rootIsResult = rootIsResult;

    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext input)
    {
        var body = ResponseBody.ReadAll(input.Stream);
        XElement? root;
        try
        {
            root = XDocument.Parse(Encoding.UTF8.GetString(body)).Root;
        }
        catch (XmlException ex)
        {
            throw new AmazonUnmarshallingException(null, null, ex, input.ResponseData.StatusCode);
        }

        return new QueryResponse
        {
            Result = _rootIsResult ? root : root?.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Result", StringComparison.Ordinal)),
            ResponseMetadata = new ResponseMetadata { RequestId = _rootIsResult ? root.Text("requestId") : root.Child("ResponseMetadata").Text("RequestId") },
            HttpStatusCode = input.ResponseData.StatusCode,
        };
    }

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode) =>
        ServiceErrors.FromQueryXml(ResponseBody.ReadAll(input.Stream), input.ResponseData, innerException, statusCode);
}
