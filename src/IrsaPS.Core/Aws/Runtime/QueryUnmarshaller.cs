using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>Reads Query protocol answers: the result element of a success, or the error of a failure.</summary>
internal sealed class QueryUnmarshaller : XmlResponseUnmarshaller
{
    public static readonly QueryUnmarshaller Instance = new();

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
            Result = root?.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Result", StringComparison.Ordinal)),
            ResponseMetadata = new ResponseMetadata { RequestId = root.Child("ResponseMetadata").Text("RequestId") },
            HttpStatusCode = input.ResponseData.StatusCode,
        };
    }

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode) =>
        ServiceErrors.FromQueryXml(ResponseBody.ReadAll(input.Stream), input.ResponseData, innerException, statusCode);
}
