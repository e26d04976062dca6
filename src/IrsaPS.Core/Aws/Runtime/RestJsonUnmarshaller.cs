using System;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>Reads REST-JSON answers: the raw body of a success, or the error of a failure.</summary>
internal sealed class RestJsonUnmarshaller : JsonResponseUnmarshaller
{
    public static readonly RestJsonUnmarshaller Instance = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input)
    {
        var response = new RestJsonResponse
        {
            Body = ResponseBody.ReadAll(input.Stream),
            HttpStatusCode = input.ResponseData.StatusCode,
        };
        if (input.ResponseData.IsHeaderPresent("x-amzn-RequestId"))
        {
            response.ResponseMetadata = new ResponseMetadata { RequestId = input.ResponseData.GetHeaderValue("x-amzn-RequestId") };
        }

        return response;
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode) =>
        ServiceErrors.FromRestJson(ResponseBody.ReadAll(input.Stream), input.ResponseData, innerException, statusCode);
}
